"""Writing the packet's PDFs to a folder: plain file names, owner-only files, no surprises."""
from __future__ import annotations

import os
import stat

import pytest

from app.render import output

PDFS = {"medical_application": b"%PDF-1.4 a", "packet": b"%PDF-1.4 b"}


def test_files_are_named_by_document_id(tmp_path):
    written = output.write_documents(tmp_path, PDFS)
    assert [p.name for p in written] == ["medical_application.pdf", "packet.pdf"]
    assert (tmp_path / "packet.pdf").read_bytes() == b"%PDF-1.4 b"


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_files_are_readable_by_the_owner_only(tmp_path):
    for path in output.write_documents(tmp_path, PDFS):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_existing_names_the_files_a_write_would_replace(tmp_path):
    assert output.existing(tmp_path, PDFS) == []
    (tmp_path / "packet.pdf").write_bytes(b"old")
    assert output.existing(tmp_path, PDFS) == [tmp_path / "packet.pdf"]


def test_no_temporary_files_are_left_behind(tmp_path):
    output.write_documents(tmp_path, PDFS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["medical_application.pdf", "packet.pdf"]


@pytest.mark.parametrize("doc_id", ["../evil", "Packet", "a b", "", "名字", "x" * 65])
def test_a_document_id_that_is_not_a_plain_word_is_refused(doc_id):
    with pytest.raises(ValueError):
        output.file_name(doc_id)
