<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that the qtbase_zh_CN translation shipped with PySide6 lacks (Qt 6 added
     mnemonics to them, so the older translations no longer match). Loaded after qtbase_zh_CN
     in Chinese (app.ui.i18n), so that a file dialog is all Chinese. Maintained by hand;
     tools/build_translations.py compiles it. -->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
