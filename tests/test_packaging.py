"""packaging/: the PyInstaller spec and its hooks, checked without building (a build takes
minutes). The constants of the spec are read from its syntax tree, not by running it.

The real build runs only with TRANSFER_HELPER_BUILD=1 (marked slow): tools/package.py
builds, checks the folder, runs the frozen CLI and wizard, and exits non-zero on a problem.
"""
from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "transfer-helper.spec"
HOOKS = PACKAGING / "hooks"
APP = ROOT / "app"


def spec_constants() -> dict[str, object]:
    """Every top-level `NAME = <literal>` of the spec."""
    constants = {}
    for node in ast.parse(SPEC.read_text(encoding="utf-8"), str(SPEC)).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass  # not a literal (paths computed at build time)
    return constants


def app_sources() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if "__pycache__" not in p.parts)


def qt_modules_imported_by_app() -> set[str]:
    found = set()
    for path in app_sources():
        found |= set(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    return found


def imports_inside_functions(tree: ast.AST) -> set[str]:
    """Modules imported in a function body (lazily, when the function first runs)."""
    found = set()
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(func):
                if isinstance(node, ast.Import):
                    found |= {alias.name for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found.add(node.module)
                    # `from app.ui import printing` imports the module app.ui.printing
                    found |= {f"{node.module}.{alias.name}" for alias in node.names
                              if (APP.parent / node.module.replace(".", "/") / f"{alias.name}.py").exists()}
    return found


@pytest.fixture(scope="module")
def constants() -> dict[str, object]:
    return spec_constants()


def test_spec_parses_as_python():
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_spec_builds_one_folder_with_a_gui_and_a_console_executable():
    text = SPEC.read_text(encoding="utf-8")
    assert "COLLECT(" in text and "exclude_binaries=True" in text
    assert re.search(r"EXE\([^)]*name=NAME[^)]*console=False", text)
    assert re.search(r'EXE\([^)]*name=f"\{NAME\}-cli"[^)]*console=True', text)
    assert "upx=False" in text
    assert re.search(r"if IS_MACOS:\s*\n\s*app = BUNDLE\(", text), "the macOS bundle must be guarded by the platform"
    assert "bundle_identifier=BUNDLE_ID" in text


def test_spec_ships_every_data_folder_the_app_looks_for(constants):
    named_by_paths = set(re.findall(r'ROOT / "(\w+)"', (APP / "paths.py").read_text(encoding="utf-8")))
    assert named_by_paths >= {"forms", "resources", "examples"}
    existing = {name for name in named_by_paths if (ROOT / name).is_dir()}
    assert existing <= set(constants["DATA_FOLDERS"])
    for folder in constants["DATA_FOLDERS"]:
        assert (ROOT / folder).is_dir(), f"{folder}/ is named in the spec but does not exist"


def test_fonts_ship_with_their_licence():
    # The spec copies resources/ whole; the licence must be there to be copied.
    fonts = ROOT / "resources" / "fonts"
    assert list(fonts.glob("*.ttf")) and (fonts / "OFL.txt").is_file()


def test_ocr_models_ship_with_their_licence():
    """The packaged app carries the PP-OCR models (Apache-2.0): their licence goes with them,
    and the folder check of tools/package.py refuses a build without it."""
    from app import paths

    licences = ROOT / "resources" / "licences"
    assert "Apache License" in (licences / "Apache-2.0.txt").read_text(encoding="utf-8")
    notice = (licences / "README.md").read_text(encoding="utf-8")
    for model in paths.ocr_models().glob("*.onnx"):  # ch_PP-OCRv4_det_infer.onnx ... ch_ppocr_mobile_v2.0_cls
        family = "PP-OCRv4" if "PP-OCRv4" in model.name else "PP-OCR mobile v2.0"
        assert family in notice, model.name
    assert "Apache-2.0.txt" in (ROOT / "tools" / "package.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("module", [
    "QtNetwork", "QtQml", "QtQuick", "QtQuickWidgets", "Qt3DCore", "QtWebEngineCore", "QtWebEngineWidgets",
    "QtMultimedia", "QtSql", "QtTest", "QtOpenGL", "QtOpenGLWidgets", "QtSvg", "QtDesigner", "QtUiTools",
])
def test_spec_excludes_unused_qt_module(constants, module):
    assert f"PySide6.{module}" in constants["QT_EXCLUDES"]


def test_spec_excludes_no_qt_module_the_app_imports(constants):
    used = qt_modules_imported_by_app()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport"} <= used
    assert not {f"PySide6.{m}" for m in used} & set(constants["QT_EXCLUDES"])


def test_spec_excludes_every_installed_qt_module_the_app_does_not_import(constants):
    spec = importlib.util.find_spec("PySide6")  # finds the package without importing Qt
    installed = {p.name.split(".")[0] for folder in spec.submodule_search_locations
                 for p in Path(folder).glob("Qt*") if p.suffix in {".so", ".pyd"}}
    unused = {f"PySide6.{m}" for m in installed - qt_modules_imported_by_app()}
    assert unused <= set(constants["QT_EXCLUDES"]), "new Qt module installed: exclude it or import it"


@pytest.mark.parametrize("module", ["pytest", "_pytest", "hypothesis", "pypinyin", "fontTools", "PyInstaller"])
def test_spec_excludes_development_tool(constants, module):
    assert module in constants["DEV_EXCLUDES"]


def test_spec_excludes_nothing_the_app_imports(constants):
    excluded = set(constants["DEV_EXCLUDES"]) | set(constants["STDLIB_EXCLUDES"])
    for path in app_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                     else [])
            for name in names:
                assert name.split(".")[0] not in excluded, f"{path.relative_to(ROOT)} imports {name}"


def test_hidden_imports_cover_every_module_the_app_imports_lazily(constants):
    packages = constants["HIDDEN_PACKAGES"]
    lazy = set()
    for path in app_sources():
        lazy |= {m for m in imports_inside_functions(ast.parse(path.read_text(encoding="utf-8")))
                 if m == "app" or m.startswith("app.")}
    assert any(m.startswith("app.ui.pages.") for m in lazy) and any(m.startswith("app.render.") for m in lazy)
    uncovered = {m for m in lazy if not any(m == p or m.startswith(p + ".") for p in packages)}
    assert not uncovered


# Packages that import some of their own modules in a way PyInstaller cannot follow (exec of
# strings, import_module of computed names): if the app uses one, the spec collects it whole.
DYNAMIC_PACKAGES = ["reportlab.graphics.barcode"]


@pytest.mark.parametrize("package", DYNAMIC_PACKAGES)
def test_hidden_imports_cover_package_that_imports_by_name_when_the_app_uses_it(constants, package):
    users = [path.relative_to(ROOT) for path in app_sources()
             if re.search(rf"\b{re.escape(package)}\b", path.read_text(encoding="utf-8"))]
    if users:
        assert package in constants["HIDDEN_PACKAGES"], f"used by {users}"


def test_qt_translations_kept_include_those_the_app_loads(constants):
    loaded = set(re.findall(r'"(qtbase_\w+)"', (APP / "ui" / "i18n.py").read_text(encoding="utf-8")))
    assert loaded, "app/ui/i18n.py loads no qtbase catalogue any more: update QT_TRANSLATIONS"
    assert {f"{name}.qm" for name in loaded} <= set(constants["QT_TRANSLATIONS"])


@pytest.mark.parametrize("plugin_type, name", [
    ("platforms", "qxcb"), ("platforms", "qwayland"), ("platforms", "qwindows"), ("platforms", "qcocoa"),
    ("platforms", "qoffscreen"), ("printsupport", "cupsprintersupport"),
    ("platforminputcontexts", "ibusplatforminputcontextplugin"),
    ("platforminputcontexts", "composeplatforminputcontextplugin"),
    ("imageformats", "qsvg"), ("iconengines", "qsvgicon"), ("styles", "qmodernwindowsstyle"),
    ("wayland-shell-integration", "xdg-shell"),
])
def test_needed_qt_plugin_is_not_dropped(constants, plugin_type, name):
    dropped = constants["DROP_QT_PLUGINS"].get(plugin_type, [])
    assert dropped != "*" and name not in dropped


def test_runtime_hook_file_is_listed_and_exists():
    rthooks = ast.literal_eval((HOOKS / "rthooks.dat").read_text(encoding="utf-8"))
    for names in rthooks.values():
        for name in names:
            assert (HOOKS / "rthooks" / name).is_file()
    source = (HOOKS / "rthooks" / rthooks["PySide6"][0]).read_text(encoding="utf-8")
    assert "QT_PLUGIN_PATH" in source
    assert "import_module" not in source and "QtCore" not in source.split('"""', 2)[2], \
        "the run-time hook must not import Qt (every start would pay for it)"


def test_launcher_runs_the_cli_entry_point():
    tree = ast.parse((PACKAGING / "launch.py").read_text(encoding="utf-8"))
    assert any(isinstance(n, ast.ImportFrom) and n.module == "app.cli" and n.names[0].name == "main"
               for n in ast.walk(tree))


def hook_functions(name: str) -> dict[str, object]:
    """The plain functions of a hook file, without importing PyInstaller (not installed for
    the normal test run): its imports of PyInstaller and its hook() are left out."""
    tree = ast.parse((HOOKS / f"hook-{name}.py").read_text(encoding="utf-8"))
    tree.body = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name != "hook"
                 or isinstance(n, ast.Import) or isinstance(n, ast.ImportFrom) and n.module == "__future__"]
    namespace: dict[str, object] = {}
    exec(compile(tree, f"hook-{name}.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("src, dest, kept", [
    ("/qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms", True),
    ("/qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platforms", False),
    ("C:/qt/plugins/platforms/qwindows.dll", "PySide6\\plugins\\platforms", True),
    ("C:/qt/plugins/platforms/qdirect2d.dll", "PySide6\\plugins\\platforms", False),
    ("/qt/plugins/platforms/libqcocoa.dylib", "PySide6/Qt/plugins/platforms", True),
    ("/qt/plugins/generic/libqevdevmouseplugin.so", "PySide6/Qt/plugins/generic", False),
    ("/qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
     "PySide6/Qt/plugins/platforminputcontexts", False),
    ("/qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
     "PySide6/Qt/plugins/platforminputcontexts", True),
    ("/qt/lib/libQt6Gui.so.6", "PySide6/Qt/lib", True),
])
def test_gui_hook_drops_exactly_the_listed_plugins(constants, src, dest, kept):
    keep = hook_functions("PySide6.QtGui")["keep"]
    assert keep(src, dest, constants["DROP_QT_PLUGINS"]) is kept


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("TRANSFER_HELPER_BUILD") != "1",
                    reason="builds the app (minutes): set TRANSFER_HELPER_BUILD=1")
def test_real_build_runs_and_passes_its_checks():
    pytest.importorskip("PyInstaller", reason="PyInstaller is installed by `tools/dev.py package`")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "package.py"), "--runs", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "package: OK" in result.stdout
