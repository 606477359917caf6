<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AreaPicker</name>
    <message>
        <source>输入地名、拼音首字母或区划代码</source>
        <translation>Type a place name, pinyin initials or a division code</translation>
    </message>
    <message>
        <source>例如：宝安、baq 或 440306；用方向键选择，回车确认</source>
        <translation>For example: baoan, baq or 440306; choose with the arrow keys, confirm with Enter</translation>
    </message>
    <message>
        <source>参保地区</source>
        <translation>Insured area</translation>
    </message>
    <message>
        <source>（{year} 年停用）</source>
        <translation> (discontinued in {year})</translation>
    </message>
    <message>
        <source>（已停用）</source>
        <translation> (discontinued)</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>打印机校准</source>
        <translation>Printer calibration</translation>
    </message>
    <message>
        <source>有的打印机会把内容印得偏一点或大一点小一点，套打在印好的表格上就会错位。先用普通 A4 纸打印一张校准页，用尺子量三个数填在下面，保存后，以后在这台打印机上打印都会自动校正。</source>
        <translation>Some printers print slightly off-centre, or slightly larger or smaller, so that text printed onto pre-printed forms lands in the wrong place. Print the test page on plain A4 paper, measure three distances with a ruler and enter them below; once saved, everything printed on this printer is corrected automatically.</translation>
    </message>
    <message>
        <source>打印机(&amp;R)：</source>
        <translation>P&amp;rinter:</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>打印校准页(&amp;T)…</source>
        <translation>Print the &amp;test page…</translation>
    </message>
    <message>
        <source>按实际大小打印，不做校正；打印时请关闭“适合页面”</source>
        <translation>Printed at actual size, without correction; turn off “fit to page” when printing</translation>
    </message>
    <message>
        <source>用毫米刻度的尺子，从纸的边缘量起：</source>
        <translation>With a millimetre ruler, measuring from the edge of the paper:</translation>
    </message>
    <message>
        <source>上边缘到横线 A(&amp;A)：</source>
        <translation>Top edge to line &amp;A:</translation>
    </message>
    <message>
        <source>左边缘到竖线 B(&amp;B)：</source>
        <translation>Left edge to line &amp;B:</translation>
    </message>
    <message>
        <source>方框 C 的上边长(&amp;C)：</source>
        <translation>Top side of box &amp;C:</translation>
    </message>
    <message>
        <source>上边缘到横线 A 的距离，毫米</source>
        <translation>Distance from the top edge to line A, in millimetres</translation>
    </message>
    <message>
        <source>左边缘到竖线 B 的距离，毫米</source>
        <translation>Distance from the left edge to line B, in millimetres</translation>
    </message>
    <message>
        <source>方框 C 的上边长，毫米</source>
        <translation>Top side of box C, in millimetres</translation>
    </message>
    <message>
        <source>没有误差时是 {mm} mm</source>
        <translation>{mm} mm when the printer is exact</translation>
    </message>
    <message>
        <source>校正结果</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>打印检查页(&amp;K)…</source>
        <translation>Print the chec&amp;k page…</translation>
    </message>
    <message>
        <source>按上面算出的校正打印，量到 20、20、100 mm 就对了</source>
        <translation>Printed with the correction above; it is right when you measure 20, 20 and 100 mm</translation>
    </message>
    <message>
        <source>清除校准(&amp;E)</source>
        <translation>Cl&amp;ear the calibration</translation>
    </message>
    <message>
        <source>这台打印机以后不做校正</source>
        <translation>Print on this printer without correction from now on</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>默认打印机（{name}）</source>
        <translation>Default printer ({name})</translation>
    </message>
    <message>
        <source>默认打印机</source>
        <translation>Default printer</translation>
    </message>
    <message>
        <source>不用校正：这台打印机印得很准。</source>
        <translation>No correction needed: this printer prints accurately.</translation>
    </message>
    <message>
        <source>左右不动</source>
        <translation>not moved sideways</translation>
    </message>
    <message>
        <source>向右移 {mm} mm</source>
        <translation>moved {mm} mm to the right</translation>
    </message>
    <message>
        <source>向左移 {mm} mm</source>
        <translation>moved {mm} mm to the left</translation>
    </message>
    <message>
        <source>上下不动</source>
        <translation>not moved up or down</translation>
    </message>
    <message>
        <source>向下移 {mm} mm</source>
        <translation>moved {mm} mm down</translation>
    </message>
    <message>
        <source>向上移 {mm} mm</source>
        <translation>moved {mm} mm up</translation>
    </message>
    <message>
        <source>大小不变</source>
        <translation>kept at its size</translation>
    </message>
    <message>
        <source>放大到 {percent}%</source>
        <translation>enlarged to {percent}%</translation>
    </message>
    <message>
        <source>缩小到 {percent}%</source>
        <translation>reduced to {percent}%</translation>
    </message>
    <message>
        <source>打印时内容{horizontal}，{vertical}，{scale}。</source>
        <translation>When printed, the content is {horizontal}, {vertical} and {scale}.</translation>
    </message>
    <message>
        <source>这台打印机还没有校准。</source>
        <translation>This printer has not been calibrated yet.</translation>
    </message>
    <message>
        <source>已保存的校正：{what}</source>
        <translation>Saved correction: {what}</translation>
    </message>
    <message>
        <source>打印机校准检查页</source>
        <translation>Printer calibration check page</translation>
    </message>
    <message>
        <source>打印机校准页</source>
        <translation>Printer calibration test page</translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <source>打印机无法使用（{reason}）。</source>
        <translation>The printer cannot be used ({reason}).</translation>
    </message>
    <message>
        <source>检查页已发送到打印机。</source>
        <translation>The check page was sent to the printer.</translation>
    </message>
    <message>
        <source>校准页已发送到打印机。印好后用尺子量，把数填在上面。</source>
        <translation>The test page was sent to the printer. When it is printed, measure it with a ruler and enter the numbers above.</translation>
    </message>
    <message>
        <source>已清除这台打印机的校准。</source>
        <translation>The calibration of this printer was cleared.</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>生成材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>这些是您这次要用的材料。勾选要打印的材料并设定份数，可以先预览，再打印或保存为 PDF。</source>
        <translation>These are the documents you need this time. Tick the ones to print and set the number of copies; preview them, then print them or save them as PDF.</translation>
    </message>
    <message>
        <source>材料（勾选＝打印）</source>
        <translation>Document (ticked = printed)</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>页数</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>材料清单</source>
        <translation>Document list</translation>
    </message>
    <message>
        <source>空格键勾选或取消打印；选中的材料显示在右边的预览中。</source>
        <translation>Space ticks or unticks a document for printing; the selected document is previewed on the right.</translation>
    </message>
    <message>
        <source>打印份数(&amp;N)：</source>
        <translation>&amp;Number of copies:</translation>
    </message>
    <message>
        <source>打印份数</source>
        <translation>Number of copies</translation>
    </message>
    <message>
        <source> 份</source>
        <translation> copies</translation>
    </message>
    <message>
        <source>为什么需要：</source>
        <translation>Why it is needed:</translation>
    </message>
    <message>
        <source>签字盖章：</source>
        <translation>Signatures and stamps:</translation>
    </message>
    <message>
        <source>保存为 PDF(&amp;S)…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>把每份材料和全部材料各存为一个 PDF 文件</source>
        <translation>Save each document, and all of them together, as PDF files</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>打印勾选的材料，每份按设定的份数</source>
        <translation>Print the ticked documents, each in the number of copies set for it</translation>
    </message>
    <message>
        <source>预览：</source>
        <translation>Preview:</translation>
    </message>
    <message>
        <source>进入本页时生成材料并在这里预览。</source>
        <translation>The documents are made when this page opens, and previewed here.</translation>
    </message>
    <message>
        <source>材料清单(&amp;M)：</source>
        <translation>&amp;Materials:</translation>
    </message>
    <message>
        <source>完成(&amp;D)</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <source>还有 {n} 个错误，改正后才能生成材料。请点“上一步”回到检查页。</source>
        <translation>Errors to correct: {n}. The documents can be made once they are corrected; click “Back” to return to the review page.</translation>
    </message>
    <message>
        <source>正在生成材料，请稍候…</source>
        <translation>Making the documents, please wait…</translation>
    </message>
    <message>
        <source>生成材料时出错（{reason}）。请把草稿文件保存好，并联系技术支持。</source>
        <translation>The documents could not be made ({reason}). Please keep the draft file and contact support.</translation>
    </message>
    <message>
        <source>全部材料（按打印顺序，含建议份数）</source>
        <translation>All documents (in print order, with the suggested copies)</translation>
    </message>
    <message>
        <source>{n} 页</source>
        <translation>{n} p.</translation>
    </message>
    <message>
        <source>{n} 份</source>
        <translation>{n}×</translation>
    </message>
    <message>
        <source>{title}（暂不打印）</source>
        <translation>{title} (held back)</translation>
    </message>
    <message>
        <source>以下材料暂不打印，先解决问题再回来生成（办事指南里写了下一步怎么办）：</source>
        <translation>These documents are held back: resolve the problems first, then come back and make them (the guide says what to do next):</translation>
    </message>
    <message>
        <source>· {title}：{reasons}</source>
        <translation>· {title}: {reasons}</translation>
    </message>
    <message>
        <source>所有材料合成一个文件，按打印顺序排列，每份材料按建议份数重复。打印时只打印勾选的材料，份数按每份材料设定的为准。</source>
        <translation>All documents in one file, in print order, each repeated in its suggested number of copies. Printing prints only the ticked documents, each in the number of copies set for it.</translation>
    </message>
    <message>
        <source>见各份材料。</source>
        <translation>See each document.</translation>
    </message>
    <message>
        <source>（自己留存，不用交。）</source>
        <translation> (Keep it for yourself; it is not handed in.)</translation>
    </message>
    <message>
        <source>（每一份都要原件签字，不能用复印件。）</source>
        <translation> (Every copy must carry an original signature; photocopies are not accepted.)</translation>
    </message>
    <message>
        <source>不用签字。</source>
        <translation>No signature needed.</translation>
    </message>
    <message>
        <source>选择保存材料的文件夹</source>
        <translation>Choose the folder for the documents</translation>
    </message>
    <message>
        <source>文件夹里已有同名文件：
{names}
是否替换？</source>
        <translation>The folder already has files with these names:
{names}
Replace them?</translation>
    </message>
    <message>
        <source>替换文件</source>
        <translation>Replace files</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>已保存 {n} 个 PDF 文件到：{folder}</source>
        <translation>Saved {n} PDF files to: {folder}</translation>
    </message>
    <message>
        <source>请至少勾选一份要打印的材料。</source>
        <translation>Tick at least one document to print.</translation>
    </message>
    <message>
        <source>医保关系转移申请材料</source>
        <translation>Medical insurance transfer documents</translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <source>打印机无法使用（{reason}）。</source>
        <translation>The printer cannot be used ({reason}).</translation>
    </message>
    <message>
        <source>已发送到打印机：共 {n} 页。</source>
        <translation>Sent to the printer: {n} pages in all.</translation>
    </message>
    <message>
        <source>有扫描读取的内容尚未确认：请回到“检查与核对”页逐项确认后再打印或保存。</source>
        <translation>Values read from a scan are not confirmed yet: confirm them on the “Review” page before printing or saving.</translation>
    </message>
    <message>
        <source>已完成。填写的内容已自动保存，可以继续修改、再次打印，或关闭程序。</source>
        <translation>Done. Your entries are saved automatically; you can still change them, print again, or close the program.</translation>
    </message>
</context>
<context>
    <name>FitNote</name>
    <message>
        <source>✓ 能完整打印</source>
        <translation>✓ Fits on the form</translation>
    </message>
    <message>
        <source>能完整打印</source>
        <translation>Fits on the form</translation>
    </message>
    <message>
        <source>字号将缩小到 {size} pt</source>
        <translation>Will be printed smaller, at {size} pt</translation>
    </message>
    <message>
        <source>太长，将在附页上打印全文</source>
        <translation>Too long: the full text will be printed on an extra sheet</translation>
    </message>
    <message>
        <source>按《{form}》上最窄的一栏计算</source>
        <translation>Measured against the narrowest box on “{form}”</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>其他</source>
        <translation>other</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>本页还有 {n} 项要填写或改正：{names}。可以先点“下一步”继续，检查页会列出所有未完成的项目；全部改正后才能生成材料。</source>
        <translation>{n} item(s) on this page still to fill in or correct: {names}. You can press Next and come back: the review page lists everything still open, and the documents are made once all is corrected.</translation>
    </message>
    <message>
        <source>本页没有发现问题。检查页会再核对一遍全部内容。</source>
        <translation>Nothing open on this page. The review page checks everything once more.</translation>
    </message>
</context>
<context>
    <name>HandoffDialog</name>
    <message>
        <source>导入二维码</source>
        <translation>Import QR code</translation>
    </message>
    <message>
        <source>用扫描枪扫描申请人办事指南第一页上的二维码（扫描枪会把内容输入下面的框并按回车），或者打开二维码的照片、扫描件。导入后会按本机的规则重新检查全部内容。</source>
        <translation>Scan the QR code on the first page of the applicant&apos;s guide with the scanner (it types the code into the field below and presses Enter), or open a photo or scan of the code. Everything is checked again under this computer&apos;s rules after importing.</translation>
    </message>
    <message>
        <source>二维码内容(&amp;C)：</source>
        <translation>&amp;Code text:</translation>
    </message>
    <message>
        <source>二维码内容</source>
        <translation>Code text</translation>
    </message>
    <message>
        <source>TH1-…（扫描枪输入）</source>
        <translation>TH1-… (typed by the scanner)</translation>
    </message>
    <message>
        <source>打开照片或扫描件(&amp;P)…</source>
        <translation>Open a &amp;photo or scan…</translation>
    </message>
    <message>
        <source>导入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请先扫描二维码，或打开照片、扫描件。</source>
        <translation>Scan the QR code first, or open a photo or scan.</translation>
    </message>
</context>
<context>
    <name>HistoryDelegate</name>
    <message>
        <source>按起止年月计算为 {n}</source>
        <translation>{n}, counted from the start and end months</translation>
    </message>
    <message>
        <source>第 {n} 段的{field}</source>
        <translation>{field} of period {n}</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>参保记录</source>
        <translation>Insurance history</translation>
    </message>
    <message>
        <source>按参保凭证逐段填写：每换一个地区、险种或单位就是新的一段。</source>
        <translation>Enter it period by period as on your insurance record: each change of area, scheme or employer starts a new period.</translation>
    </message>
    <message>
        <source>在表格中直接输入，Tab 键到下一格，最后一格再按 Tab 离开表格（Ctrl+Tab 随时离开）。地区可输入名称、拼音首字母或区划代码后回车选定；缴费月数不填则按起止年月计算（灰色斜体）。Insert 键添加一段，Delete 键删除，Ctrl+↑/↓ 调整顺序。</source>
        <translation>Type straight into the table; Tab moves to the next cell, and Tab on the last cell leaves the table (Ctrl+Tab leaves it from any cell). For the area, type a name, pinyin initials or a division code and press Enter to pick it. Months paid left blank are counted from the start and end months (grey italics). Insert adds a period, Delete removes one, Ctrl+↑/↓ changes the order.</translation>
    </message>
    <message>
        <source>参保记录(&amp;H)：</source>
        <translation>Insurance &amp;history:</translation>
    </message>
    <message>
        <source>参保记录表</source>
        <translation>Insurance history table</translation>
    </message>
    <message>
        <source>每行一段参保记录；Insert 添加，Delete 删除，Ctrl+上下方向键移动</source>
        <translation>One period per row; Insert adds, Delete removes, Ctrl+Up/Down moves</translation>
    </message>
    <message>
        <source>添加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>在当前行后添加一段：接着上一段的终止年月，地区和险种相同（Insert 或 Ctrl+N）</source>
        <translation>Add a period after the current row, starting after the previous one ends, with the same area and scheme (Insert or Ctrl+N)</translation>
    </message>
    <message>
        <source>复制上一段(&amp;P)</source>
        <translation>Copy &amp;period</translation>
    </message>
    <message>
        <source>复制当前行（含单位和状态）到下一行，开始年月接着它的终止年月</source>
        <translation>Copy the current row (employer and status too) into a new row below it, starting after it ends</translation>
    </message>
    <message>
        <source>删除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>删除选中的记录（Delete），可撤销</source>
        <translation>Delete the selected periods (Delete); can be undone</translation>
    </message>
    <message>
        <source>上移(&amp;U)</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>把当前记录上移一行（Ctrl+↑）</source>
        <translation>Move the current period up one row (Ctrl+↑)</translation>
    </message>
    <message>
        <source>下移(&amp;W)</source>
        <translation>Move do&amp;wn</translation>
    </message>
    <message>
        <source>把当前记录下移一行（Ctrl+↓）</source>
        <translation>Move the current period down one row (Ctrl+↓)</translation>
    </message>
    <message>
        <source>撤销(&amp;Z)</source>
        <translation>Und&amp;o</translation>
    </message>
    <message>
        <source>撤销上一次添加、删除或移动（Ctrl+Z）</source>
        <translation>Undo the last add, delete or move (Ctrl+Z)</translation>
    </message>
    <message>
        <source>检查结果(&amp;R)：</source>
        <translation>Check &amp;results:</translation>
    </message>
    <message>
        <source>参保记录的检查结果</source>
        <translation>Check results of the insurance history</translation>
    </message>
    <message>
        <source>回车或单击一条结果，跳到对应的单元格</source>
        <translation>Press Enter on a result, or click it, to go to its cell</translation>
    </message>
    <message>
        <source>第 {n} 段</source>
        <translation>period {n}</translation>
    </message>
    <message>
        <source>第 {n} 段的{column}</source>
        <translation>{column} of period {n}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>删除第 {rows} 段参保记录（共 {count} 段）？删除后可以按“撤销”恢复。</source>
        <translation>Delete {count} period(s), no. {rows}? “Undo” brings them back.</translation>
    </message>
    <message>
        <source>删除参保记录</source>
        <translation>Delete periods</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>还没有参保记录。按“添加”或 Insert 键添加第一段。</source>
        <translation>No periods yet. Press “Add” or the Insert key to add the first one.</translation>
    </message>
    <message>
        <source>共 {n} 段</source>
        <translation>Periods: {n}</translation>
    </message>
    <message>
        <source>职工医保</source>
        <translation>Employee insurance</translation>
    </message>
    <message>
        <source>城乡居民医保</source>
        <translation>Resident insurance</translation>
    </message>
    <message>
        <source>{scheme}累计 {months} 个月（约 {years} 年）</source>
        <translation>{scheme}: {months} months in all (about {years} years)</translation>
    </message>
    <message>
        <source>还没有能计算月数的记录</source>
        <translation>no period whose months can be counted yet</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>注意</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>{severity}：{message}</source>
        <translation>{severity}: {message}</translation>
    </message>
    <message>
        <source>回车或单击跳到这一格</source>
        <translation>Press Enter or click to go to this cell</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>参保地区</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>险种</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <source>开始年月</source>
        <translation>From</translation>
    </message>
    <message>
        <source>终止年月</source>
        <translation>To</translation>
    </message>
    <message>
        <source>缴费月数</source>
        <translation>Months paid</translation>
    </message>
    <message>
        <source>个人账户余额</source>
        <translation>Account balance</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>欠费月数</source>
        <translation>Months in arrears</translation>
    </message>
    <message>
        <source>透支额</source>
        <translation>Overdraft</translation>
    </message>
    <message>
        <source>输入地名、拼音首字母（如 baq）或 6 位区划代码，回车选定</source>
        <translation>Type a place name, pinyin initials (e.g. baq) or a 6-digit division code; Enter picks it</translation>
    </message>
    <message>
        <source>按数字键 1–4 选择险种</source>
        <translation>Keys 1–4 choose the scheme</translation>
    </message>
    <message>
        <source>如 2012-07 或 201207</source>
        <translation>e.g. 2012-07 or 201207</translation>
    </message>
    <message>
        <source>如 2016-12；仍在参保可填本月</source>
        <translation>e.g. 2016-12; if still insured, this month</translation>
    </message>
    <message>
        <source>参保凭证上的实际缴费月数；不填则按起止年月计算（灰色斜体）</source>
        <translation>Months actually paid, as on the insurance record; if blank, counted from the start and end months (grey italics)</translation>
    </message>
    <message>
        <source>单位：元，如 1234.56（仅职工医保）</source>
        <translation>In yuan, e.g. 1234.56 (employee insurance only)</translation>
    </message>
    <message>
        <source>按数字键 1–3 选择状态</source>
        <translation>Keys 1–3 choose the status</translation>
    </message>
    <message>
        <source>个人账户透支额，单位：元；没有则不填</source>
        <translation>Overdraft of the personal account, in yuan; leave blank if none</translation>
    </message>
    <message>
        <source>第 {n} 段</source>
        <translation>Period {n}</translation>
    </message>
    <message>
        <source>职工医保</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>城乡居民医保</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>新农合</source>
        <translation>Rural co-op (NCMS)</translation>
    </message>
    <message>
        <source>城镇居民医保</source>
        <translation>Urban resident</translation>
    </message>
    <message>
        <source>按起止年月计算；如参保凭证上的实际缴费月数不同，请填写。</source>
        <translation>Counted from the start and end months; if the months paid on the insurance record differ, enter them.</translation>
    </message>
    <message>
        <source>{months}（按起止年月计算）</source>
        <translation>{months} (counted from the start and end months)</translation>
    </message>
    <message>
        <source>空</source>
        <translation>empty</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>身份信息</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>先填证件号码：出生日期和性别会自动填好。姓名请与证件上完全一致。</source>
        <translation>Start with the document number: the birth date and sex are filled in from it. Write the name exactly as on the document.</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>本人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>更多（可选）</source>
        <translation>More (optional)</translation>
    </message>
    <message>
        <source>证件类型(&amp;T)</source>
        <translation>Document &amp;type</translation>
    </message>
    <message>
        <source>证件号码(&amp;I)</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <source>姓名(&amp;M)</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <source>性别(&amp;X)</source>
        <translation>Se&amp;x</translation>
    </message>
    <message>
        <source>出生日期(&amp;D)</source>
        <translation>&amp;Date of birth</translation>
    </message>
    <message>
        <source>社会保障号码(&amp;S)</source>
        <translation>&amp;Social security number</translation>
    </message>
    <message>
        <source>联系电话(&amp;P)</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>现联系地址(&amp;A)</source>
        <translation>Current &amp;address</translation>
    </message>
    <message>
        <source>邮政编码(&amp;Z)</source>
        <translation>Post&amp;code</translation>
    </message>
    <message>
        <source>户籍地址(&amp;H)</source>
        <translation>&amp;Hukou address</translation>
    </message>
    <message>
        <source>户籍类型(&amp;K)</source>
        <translation>Hu&amp;kou type</translation>
    </message>
    <message>
        <source>社会保障卡号(&amp;G)</source>
        <translation>Social security ca&amp;rd number</translation>
    </message>
    <message>
        <source>原个人编号(&amp;O)</source>
        <translation>F&amp;ormer personal number</translation>
    </message>
    <message>
        <source>号码显示：</source>
        <translation>The number says:</translation>
    </message>
    <message>
        <source>证件号码所含信息</source>
        <translation>What the document number says</translation>
    </message>
    <message>
        <source>照证件逐位输入；身份证为 18 位，最后一位可能是 X</source>
        <translation>Copy it character by character; an ID card number has 18 characters, the last may be X</translation>
    </message>
    <message>
        <source>如 1990-05-12；填好证件号码后自动填写</source>
        <translation>e.g. 1990-05-12; filled in from the document number</translation>
    </message>
    <message>
        <source>见社会保障卡；没有可以不填</source>
        <translation>On the social security card; leave blank if you have none</translation>
    </message>
    <message>
        <source>手机 11 位，或 区号-号码</source>
        <translation>11-digit mobile, or area code-number</translation>
    </message>
    <message>
        <source>能收到邮件的地址，经办机构可能寄送材料</source>
        <translation>An address where post reaches you; the office may send documents</translation>
    </message>
    <message>
        <source>社会保障卡正面的卡号</source>
        <translation>The number on the front of the social security card</translation>
    </message>
    <message>
        <source>旧参保凭证上的个人编号，有才填</source>
        <translation>The personal number on an old insurance record, if you have one</translation>
    </message>
    <message>
        <source>这种证件的号码不含出生日期和性别，请在下面填写。</source>
        <translation>Numbers of this document do not contain the birth date and sex: enter them below.</translation>
    </message>
    <message>
        <source>输入完整、正确的号码后，这里显示号码中的地区、出生日期和性别。</source>
        <translation>Once the number is complete and correct, the region, birth date and sex it contains are shown here.</translation>
    </message>
    <message>
        <source>区划代码表中未找到（{code}）</source>
        <translation>not in the division code table ({code})</translation>
    </message>
    <message>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <source>{region} · 出生日期 {birth} · {sex}</source>
        <translation>{region} · born {birth} · {sex}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>已锁定 — 按任意键继续</source>
        <translation>Locked — press any key to continue</translation>
    </message>
    <message>
        <source>上一位申请人的内容已清除。</source>
        <translation>The previous applicant&apos;s data has been cleared.</translation>
    </message>
    <message>
        <source>一段时间没有操作，屏幕已遮住，申请人的信息没有显示。</source>
        <translation>Nobody has used the computer for a while: the screen is covered and the applicant&apos;s data is not shown.</translation>
    </message>
    <message>
        <source>锁屏只是为了在柜台遮住屏幕，不是安全措施：按任意键或点一下即可继续。</source>
        <translation>The lock only covers the screen at the counter; it is not a security measure: any key or click continues.</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建申请(&amp;N)</source>
        <translation>&amp;New application</translation>
    </message>
    <message>
        <source>打开草稿(&amp;O)…</source>
        <translation>&amp;Open draft…</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>另存为(&amp;A)…</source>
        <translation>Save &amp;as…</translation>
    </message>
    <message>
        <source>校准打印机(&amp;C)…</source>
        <translation>&amp;Calibrate printer…</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>未命名</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>医保关系转移接续助手</source>
        <translation>Medical Insurance Transfer Helper</translation>
    </message>
    <message>
        <source>当前申请有未保存到文件的修改。是否先保存？</source>
        <translation>The current application has changes that are not saved to a file. Save them first?</translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>当前申请人的内容还在屏幕上。退出后会清除（已保存的文件不受影响）。确定退出吗？</source>
        <translation>The current applicant&apos;s details are still on screen. Quitting clears them (saved files are kept). Quit now?</translation>
    </message>
</context>
<context>
    <name>NameEdit</name>
    <message>
        <source>按编码输入生僻字(&amp;U)…</source>
        <translation>Enter a rare character by &amp;Unicode code…</translation>
    </message>
    <message>
        <source>输入法打不出的字，可以按 Unicode 编码输入，例如 U+20BB7（𠮷）</source>
        <translation>A character your input method cannot type can be entered by its Unicode code, e.g. U+20BB7 (𠮷)</translation>
    </message>
    <message>
        <source>编码(&amp;E)：</source>
        <translation>Cod&amp;e:</translation>
    </message>
    <message>
        <source>如 U+20BB7、20BB7 或粘贴该字，可输入多个，用空格分开</source>
        <translation>e.g. U+20BB7, 20BB7 or the character pasted; several separated by spaces</translation>
    </message>
    <message>
        <source>生僻字编码</source>
        <translation>Rare character code</translation>
    </message>
    <message>
        <source>插入(&amp;J)</source>
        <translation>Insert (&amp;J)</translation>
    </message>
    <message>
        <source>打印字体预览</source>
        <translation>Print font preview</translation>
    </message>
    <message>
        <source>用打印字体显示，申请表上的姓名就是这样</source>
        <translation>Shown in the print font: this is how the name looks on the form</translation>
    </message>
    <message>
        <source>请先输入编码，如 U+20BB7。</source>
        <translation>Enter a code first, e.g. U+20BB7.</translation>
    </message>
    <message>
        <source>“{value}”不是编码：请写成 U+20BB7 或 20BB7 的样子。</source>
        <translation>“{value}” is not a code: write it like U+20BB7 or 20BB7.</translation>
    </message>
    <message>
        <source>“{value}”超出 Unicode 的范围（最大 U+10FFFF）。</source>
        <translation>“{value}” is beyond the Unicode range (at most U+10FFFF).</translation>
    </message>
    <message>
        <source>{value} 是代理项，只是一个字的一半，不是字；请输入完整编码（如 U+20BB7）。</source>
        <translation>{value} is a surrogate, half of a character rather than a character; enter the full code (e.g. U+20BB7).</translation>
    </message>
    <message>
        <source>{value} 在本程序所用的 Unicode 版本中还没有字，请核对编码。</source>
        <translation>{value} has no character in the Unicode version this program uses; check the code.</translation>
    </message>
    <message>
        <source>{value} 是控制符或私用区字符，不能打印在申请表上。</source>
        <translation>{value} is a control or private-use character and cannot be printed on the form.</translation>
    </message>
    <message>
        <source>按回车插入：{chars}</source>
        <translation>Press Enter to insert: {chars}</translation>
    </message>
    <message>
        <source>含生僻字：{chars}</source>
        <translation>Rare characters: {chars}</translation>
    </message>
    <message>
        <source>打印字体中没有这些字：{chars}。打印出来会是带编码的方框。请核对编码；如果字没错，请在本机安装含该字的字体（如 花园明朝 HanaMinB 或 SimSun-ExtB）。</source>
        <translation>The print font lacks these characters: {chars}. They would print as boxes showing their codes. Check the codes; if the characters are right, install a font that has them on this computer (e.g. HanaMinB or SimSun-ExtB).</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>另存草稿</source>
        <translation>Save draft as</translation>
    </message>
    <message>
        <source>可以给草稿文件加口令：没有口令的人打不开它。请记住口令，忘记后文件无法恢复。</source>
        <translation>You can protect the draft file with a passphrase: nobody without it can open the file. Remember it: a forgotten passphrase cannot be recovered.</translation>
    </message>
    <message>
        <source>输入口令</source>
        <translation>Enter the passphrase</translation>
    </message>
    <message>
        <source>此草稿已用口令保护，请输入口令。</source>
        <translation>This draft is protected by a passphrase; please enter it.</translation>
    </message>
    <message>
        <source>用口令保护(&amp;R)</source>
        <translation>P&amp;rotect with a passphrase</translation>
    </message>
    <message>
        <source>口令(&amp;P)：</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>再输一次(&amp;G)：</source>
        <translation>A&amp;gain:</translation>
    </message>
    <message>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>再输一次口令</source>
        <translation>Passphrase again</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请输入口令。</source>
        <translation>Please enter the passphrase.</translation>
    </message>
    <message>
        <source>口令至少 {n} 个字符。</source>
        <translation>The passphrase needs at least {n} characters.</translation>
    </message>
    <message>
        <source>两次输入的口令不一样。</source>
        <translation>The two passphrases differ.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>{action}（{keys}）</source>
        <translation>{action} ({keys})</translation>
    </message>
    <message>
        <source>第(&amp;G)</source>
        <translation>Pa&amp;ge</translation>
    </message>
    <message>
        <source>第几页</source>
        <translation>Page number</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>方向键和翻页键滚动；Ctrl+翻页键换页；Ctrl+加号、Ctrl+减号缩放。</source>
        <translation>Arrow and Page Up/Down keys scroll; Ctrl+Page Up/Down changes the page; Ctrl+plus and Ctrl+minus zoom.</translation>
    </message>
    <message>
        <source>页，共 {n} 页</source>
        <translation>of {n}</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>检查与核对</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>请核对全部填写内容。错误必须改正后才能生成材料；提醒和说明不影响生成，但请看一下。</source>
        <translation>Please check everything you entered. Errors must be corrected before the documents can be made; warnings and notes do not stop that, but please read them.</translation>
    </message>
    <message>
        <source>生成材料(&amp;G) &gt;</source>
        <translation>&amp;Generate documents &gt;</translation>
    </message>
    <message>
        <source>检查结果(&amp;C)：</source>
        <translation>&amp;Check results:</translation>
    </message>
    <message>
        <source>填写内容(&amp;A)：</source>
        <translation>&amp;Answers:</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Check results</translation>
    </message>
    <message>
        <source>填写内容</source>
        <translation>Answers</translation>
    </message>
    <message>
        <source>选中一行后按回车键，回到该项修改。</source>
        <translation>Select a row and press Enter to go back and change it.</translation>
    </message>
    <message>
        <source>选中一行后按回车键，或单击检查结果、单击“修改”，即可回到该项修改。Alt+C 到检查结果，Alt+A 到填写内容。</source>
        <translation>To go back and change an item, select its row and press Enter, or click a check result or “Change”. Alt+C goes to the check results, Alt+A to the answers.</translation>
    </message>
    <message>
        <source>有 {n} 个错误：与错误有关的材料暂不打印；其余的材料要先确认扫描读取的 {m} 项内容才能生成。</source>
        <translation>Errors: {n}. The documents they concern are held back; the others can be made once the {m} values read by the scan are confirmed.</translation>
    </message>
    <message>
        <source>有 {n} 个错误：与错误有关的材料暂不打印，其余的可以生成。</source>
        <translation>Errors ({n}): the documents they concern are held back; the others can be made.</translation>
    </message>
    <message>
        <source>还有 {n} 个错误需要改正，改正后才能生成材料。</source>
        <translation>Errors to correct: {n}. The documents can be made once they are corrected.</translation>
    </message>
    <message>
        <source>没有错误。要先确认扫描读取的 {m} 项内容才能生成材料。有 {n} 个提醒，请看一下是否需要处理。</source>
        <translation>No errors. The documents can be made once the {m} values read by the scan are confirmed. Warnings: {n}; please see whether they need attention.</translation>
    </message>
    <message>
        <source>没有错误。要先确认扫描读取的 {m} 项内容才能生成材料。</source>
        <translation>No errors. The documents can be made once the {m} values read by the scan are confirmed.</translation>
    </message>
    <message>
        <source>没有错误，可以生成材料。有 {n} 个提醒，请看一下是否需要处理。</source>
        <translation>No errors: the documents can be made. Warnings: {n}; please see whether they need attention.</translation>
    </message>
    <message>
        <source>没有错误，可以生成材料。</source>
        <translation>No errors: the documents can be made.</translation>
    </message>
    <message>
        <source>错误（{n}）：必须改正</source>
        <translation>Errors ({n}): must be corrected</translation>
    </message>
    <message>
        <source>提醒（{n}）：请核对</source>
        <translation>Warnings ({n}): please check</translation>
    </message>
    <message>
        <source>说明（{n}）</source>
        <translation>Notes ({n})</translation>
    </message>
    <message>
        <source>没有发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <source>依据：{source}</source>
        <translation>Source: {source}</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>（没有记录）</source>
        <translation>(no entries)</translation>
    </message>
    <message>
        <source>回到“{label}”修改</source>
        <translation>Go back and change “{label}”</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>{value}（由证件号码自动填入）</source>
        <translation>{value} (filled in from the document number)</translation>
    </message>
    <message>
        <source>{value}（含生僻字：{chars}，其他系统可能显示为“□”，请核对）</source>
        <translation>{value} (rare characters: {chars}; other systems may show them as “□”, please check)</translation>
    </message>
</context>
<context>
    <name>ScanConfirmPanel</name>
    <message>
        <source>以下内容由扫描读取。请对照原图逐项核对，无误后点“确认”，或看过后点“全部确认”。确认前不能生成和打印材料；有误请回到该页直接修改。</source>
        <translation>These values were read from a scan. Compare each with the image and click “Confirm”, or “Confirm all” after a look. Nothing can be made or printed before; correct a wrong value on its page.</translation>
    </message>
    <message>
        <source>全部确认(&amp;K)</source>
        <translation>Confirm all (&amp;K)</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>来自扫描</source>
        <translation>From the scan</translation>
    </message>
    <message>
        <source>原图</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>来自扫描，可信度 {p}</source>
        <translation>From the scan, confidence {p}</translation>
    </message>
    <message>
        <source>；已按校验码更正</source>
        <translation>; corrected by its check character</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>来自扫描的内容：{n} 项待确认</source>
        <translation>From the scan: {n} values to confirm</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <source>选择证件照片或扫描件</source>
        <translation>Choose photos or scans of the papers</translation>
    </message>
    <message>
        <source>图片或 PDF (*.png *.jpg *.jpeg *.pdf)</source>
        <translation>Images or PDF (*.png *.jpg *.jpeg *.pdf)</translation>
    </message>
    <message>
        <source>扫描/导入证件</source>
        <translation>Scan / import papers</translation>
    </message>
    <message>
        <source>添加图片(&amp;A)…</source>
        <translation>&amp;Add images…</translation>
    </message>
    <message>
        <source>粘贴图片(&amp;V)</source>
        <translation>Paste image (&amp;V)</translation>
    </message>
    <message>
        <source>读取(&amp;R)</source>
        <translation>&amp;Read</translation>
    </message>
    <message>
        <source>取消读取(&amp;C)</source>
        <translation>&amp;Cancel reading</translation>
    </message>
    <message>
        <source>读到的内容(&amp;F)（框出的位置见左图；填入后每项须在“检查与核对”页确认）：</source>
        <translation>&amp;Fields read (boxed on the image; each must be confirmed on the “Review” page once filled in):</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>可信度</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <source>填入申请(&amp;I)</source>
        <translation>F&amp;ill in the application</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%v / %m 页</source>
        <translation>%v / %m pages</translation>
    </message>
    <message>
        <source>正在读取，首次读取需加载识别模型…</source>
        <translation>Reading; the first time the recognition model is loaded…</translation>
    </message>
    <message>
        <source>已取消读取。</source>
        <translation>Reading cancelled.</translation>
    </message>
    <message>
        <source>读取时出错（{reason}）。</source>
        <translation>Reading failed ({reason}).</translation>
    </message>
    <message>
        <source>（已按校验码更正）</source>
        <translation> (corrected by its check character)</translation>
    </message>
    <message>
        <source>未读到任何内容。请换一张更清晰、更正的照片，或手工填写。</source>
        <translation>Nothing was read. Try a sharper, straighter photo, or type the values.</translation>
    </message>
</context>
<context>
    <name>ScanEntry</name>
    <message>
        <source>扫描/导入证件(&amp;I)…</source>
        <translation>&amp;Import from photos or scans…</translation>
    </message>
</context>
<context>
    <name>ScanMarks</name>
    <message>
        <source>来自扫描，已按校验码更正，可信度 {p}。原图：</source>
        <translation>From the scan, corrected by its check digit, confidence {p}. As read:</translation>
    </message>
    <message>
        <source>来自扫描，可信度 {p}。原图：</source>
        <translation>From the scan, confidence {p}. As read:</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>本程序帮您准备基本医疗保险关系转移接续的材料，全部在本机完成，不联网。</source>
        <translation>This program helps you prepare the paperwork for transferring your basic medical insurance. Everything stays on this computer; nothing goes online.</translation>
    </message>
    <message>
        <source>接下来会依次询问身份信息、参保记录和转移信息，检查后生成可打印的申请表、参保凭证申请和办事指南。输入的内容会自动保存在本机。</source>
        <translation>It asks in turn for your identity, your insurance history and the transfer, checks them, and makes the printable application form, the request for the insurance record and a guide to the procedure. What you enter is saved automatically on this computer.</translation>
    </message>
    <message>
        <source>谁在填写？</source>
        <translation>Who is filling this in?</translation>
    </message>
    <message>
        <source>参保人本人(&amp;B)</source>
        <translation>&amp;Myself, the insured person</translation>
    </message>
    <message>
        <source>代办人（亲属或受托人）(&amp;D)</source>
        <translation>An agent (relative or &amp;delegate)</translation>
    </message>
    <message>
        <source>用人单位经办人(&amp;E)</source>
        <translation>An &amp;employer&apos;s representative</translation>
    </message>
    <message>
        <source>经办机构窗口工作人员(&amp;W)</source>
        <translation>Staff at the insurance office &amp;window</translation>
    </message>
    <message>
        <source>从哪里开始？</source>
        <translation>Where do you want to start?</translation>
    </message>
    <message>
        <source>上次没有正常退出。自动保存的内容还在，可以恢复。</source>
        <translation>The program did not close normally last time. The autosaved work is still there and can be restored.</translation>
    </message>
    <message>
        <source>恢复上次自动保存的内容(&amp;R)</source>
        <translation>&amp;Restore the autosaved work</translation>
    </message>
    <message>
        <source>继续填写当前申请(&amp;C)</source>
        <translation>&amp;Continue the current application</translation>
    </message>
    <message>
        <source>新建一份申请(&amp;A)</source>
        <translation>Start a new &amp;application</translation>
    </message>
    <message>
        <source>打开已保存的草稿(&amp;O)…</source>
        <translation>&amp;Open a saved draft…</translation>
    </message>
    <message>
        <source>扫描二维码导入(&amp;Q)…</source>
        <translation>Import the applicant&apos;s &amp;QR code…</translation>
    </message>
    <message>
        <source>无法恢复</source>
        <translation>Cannot restore</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>参保时间轴</source>
        <translation>Insurance timeline</translation>
    </message>
    <message>
        <source>职工</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>居民</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>职工医保</source>
        <translation>Employee insurance</translation>
    </message>
    <message>
        <source>城乡居民医保</source>
        <translation>Resident insurance</translation>
    </message>
    <message>
        <source>新农合</source>
        <translation>Rural co-op (NCMS)</translation>
    </message>
    <message>
        <source>城镇居民医保</source>
        <translation>Urban resident insurance</translation>
    </message>
    <message>
        <source>{start} 至 {end} {scheme} {area}</source>
        <translation>{start} to {end} {scheme} {area}</translation>
    </message>
    <message>
        <source>第 {n} 段：{text}</source>
        <translation>Period {n}: {text}</translation>
    </message>
    <message>
        <source>空档 {start} 至 {end}（{months} 个月）</source>
        <translation>Gap {start} to {end} ({months} months)</translation>
    </message>
    <message>
        <source>重叠 {start} 至 {end}：第 {a} 段与第 {b} 段重复计算</source>
        <translation>Overlap {start} to {end}: periods {a} and {b} count the same months</translation>
    </message>
    <message>
        <source>重复参保 {start} 至 {end}：第 {a} 段与第 {b} 段</source>
        <translation>Insured twice {start} to {end}: periods {a} and {b}</translation>
    </message>
    <message>
        <source>还没有可以画出的参保记录。</source>
        <translation>No periods to draw yet.</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>填写了险种和起止年月的记录会显示在这条时间轴上。</source>
        <translation>Periods with a scheme and start and end months appear on this timeline.</translation>
    </message>
    <message>
        <source>新农合 / 城镇居民医保</source>
        <translation>NCMS / urban resident insurance</translation>
    </message>
    <message>
        <source>空档</source>
        <translation>Gap</translation>
    </message>
    <message>
        <source>重叠</source>
        <translation>Overlap</translation>
    </message>
    <message>
        <source>……等另外 {n} 处</source>
        <translation>… and {n} more</translation>
    </message>
</context>
<context>
    <name>TransferPage</name>
    <message>
        <source>转移信息</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>从哪里转到哪里、什么时候，以及由谁办理。只显示与您的情况有关的栏目。</source>
        <translation>From where to where, when, and who files. Only the fields that apply to you are shown.</translation>
    </message>
    <message>
        <source>转移原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>转出地（原参保地）</source>
        <translation>From (where you were insured)</translation>
    </message>
    <message>
        <source>转入地（新参保地）</source>
        <translation>To (where you will be insured)</translation>
    </message>
    <message>
        <source>现工作单位</source>
        <translation>Current employer</translation>
    </message>
    <message>
        <source>办理情况</source>
        <translation>Filing</translation>
    </message>
    <message>
        <source>养老保险关系（同时转移时填写）</source>
        <translation>Pension insurance (if it moves too)</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>转移原因(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>地区(&amp;O)</source>
        <translation>&amp;Origin area</translation>
    </message>
    <message>
        <source>经办机构(&amp;1)</source>
        <translation>Office (&amp;1)</translation>
    </message>
    <message>
        <source>机构地址(&amp;2)</source>
        <translation>Office address (&amp;2)</translation>
    </message>
    <message>
        <source>机构电话(&amp;3)</source>
        <translation>Office phone (&amp;3)</translation>
    </message>
    <message>
        <source>邮政编码(&amp;4)</source>
        <translation>Postcode (&amp;4)</translation>
    </message>
    <message>
        <source>个人账户储存额（元）(&amp;9)</source>
        <translation>Personal account balance, yuan (&amp;9)</translation>
    </message>
    <message>
        <source>参保缴费凭证编号(&amp;0)</source>
        <translation>Insurance record number (&amp;0)</translation>
    </message>
    <message>
        <source>证件类型(&amp;J)</source>
        <translation>Document type (&amp;J)</translation>
    </message>
    <message>
        <source>与申请人关系(&amp;G)</source>
        <translation>Relation to the applicant (&amp;G)</translation>
    </message>
    <message>
        <source>联系地址(&amp;H)</source>
        <translation>Address (&amp;H)</translation>
    </message>
    <message>
        <source>属于组织调动（经组织、人事部门批准）(&amp;X)</source>
        <translation>Transfer arranged by the organisation (approved by its personnel department) (&amp;X)</translation>
    </message>
    <message>
        <source>{place}地区</source>
        <translation>{place} area</translation>
    </message>
    <message>
        <source>中止参保年月(&amp;S)</source>
        <translation>Month insurance &amp;stopped</translation>
    </message>
    <message>
        <source>养老保险经办机构（人社部门的社会保险经办机构，不是医保经办机构；知道的就填，不知道可不填）</source>
        <translation>Pension offices (the social insurance agencies of human resources and social security, not the medical insurance agencies; fill in what you know)</translation>
    </message>
    <message>
        <source>原参保地（转出地）</source>
        <translation>Where insured until now (from)</translation>
    </message>
    <message>
        <source>地区(&amp;D)</source>
        <translation>&amp;Destination area</translation>
    </message>
    <message>
        <source>经办机构(&amp;5)</source>
        <translation>Office (&amp;5)</translation>
    </message>
    <message>
        <source>机构地址(&amp;6)</source>
        <translation>Office address (&amp;6)</translation>
    </message>
    <message>
        <source>机构电话(&amp;7)</source>
        <translation>Office phone (&amp;7)</translation>
    </message>
    <message>
        <source>邮政编码(&amp;8)</source>
        <translation>Postcode (&amp;8)</translation>
    </message>
    <message>
        <source>参保险种(&amp;K)</source>
        <translation>Insurance &amp;kind</translation>
    </message>
    <message>
        <source>参保年月(&amp;Y)</source>
        <translation>Insured from (&amp;year-month)</translation>
    </message>
    <message>
        <source>单位名称(&amp;U)</source>
        <translation>Employer name (&amp;U)</translation>
    </message>
    <message>
        <source>统一社会信用代码(&amp;C)</source>
        <translation>Unified social &amp;credit code</translation>
    </message>
    <message>
        <source>申请地点(&amp;E)</source>
        <translation>Filed wh&amp;ere</translation>
    </message>
    <message>
        <source>本地参保开始年月(&amp;G)</source>
        <translation>Insured here from (&amp;G)</translation>
    </message>
    <message>
        <source>本地参保终止年月(&amp;H)</source>
        <translation>Insured &amp;here until</translation>
    </message>
    <message>
        <source>实际缴费月数(&amp;M)</source>
        <translation>&amp;Months actually paid</translation>
    </message>
    <message>
        <source>机构名称(&amp;B)</source>
        <translation>Office name (&amp;B)</translation>
    </message>
    <message>
        <source>机构地址(&amp;F)</source>
        <translation>Office address (&amp;F)</translation>
    </message>
    <message>
        <source>机构电话(&amp;L)</source>
        <translation>Office phone (&amp;L)</translation>
    </message>
    <message>
        <source>邮政编码(&amp;N)</source>
        <translation>Postcode (&amp;N)</translation>
    </message>
    <message>
        <source>机构名称(&amp;A)</source>
        <translation>Office name (&amp;A)</translation>
    </message>
    <message>
        <source>机构地址(&amp;J)</source>
        <translation>Office address (&amp;J)</translation>
    </message>
    <message>
        <source>机构电话(&amp;I)</source>
        <translation>Office phone (&amp;I)</translation>
    </message>
    <message>
        <source>邮政编码(&amp;P)</source>
        <translation>Postcode (&amp;P)</translation>
    </message>
    <message>
        <source>申请人身份(&amp;W)</source>
        <translation>&amp;Who files</translation>
    </message>
    <message>
        <source>代办人姓名(&amp;A)</source>
        <translation>&amp;Agent&apos;s name</translation>
    </message>
    <message>
        <source>证件号码(&amp;I)</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <source>联系电话(&amp;P)</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>邮政编码(&amp;M)</source>
        <translation>Postcode (&amp;M)</translation>
    </message>
    <message>
        <source>申请日期(&amp;Z)</source>
        <translation>Date of application (&amp;Z)</translation>
    </message>
    <message>
        <source>已经退休(&amp;Q)</source>
        <translation>Retired (&amp;Q)</translation>
    </message>
    <message>
        <source>同时转移城镇职工养老保险关系(&amp;V)</source>
        <translation>Mo&amp;ve the employee pension insurance too</translation>
    </message>
    <message>
        <source>转入地在户籍所在省(&amp;T)</source>
        <translation>The destination is in the hukou province (&amp;T)</translation>
    </message>
    <message>
        <source>转出地</source>
        <translation>Origin</translation>
    </message>
    <message>
        <source>转入地</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>{place}：{field}</source>
        <translation>{place}: {field}</translation>
    </message>
    <message>
        <source>原参保地养老保险经办机构</source>
        <translation>Pension office where insured until now</translation>
    </message>
    <message>
        <source>转入地养老保险经办机构</source>
        <translation>Pension office at the destination</translation>
    </message>
    <message>
        <source>以当地人社部门公布的名称为准</source>
        <translation>As published by the local human resources and social security bureau</translation>
    </message>
    <message>
        <source>年-月，如 2026-06</source>
        <translation>year-month, e.g. 2026-06</translation>
    </message>
    <message>
        <source>留空：打印后签字时手写日期</source>
        <translation>Leave blank to write the date by hand when signing</translation>
    </message>
    <message>
        <source>如 子女、配偶、受托人</source>
        <translation>e.g. child, spouse, proxy</translation>
    </message>
    <message>
        <source>营业执照上的 18 位代码</source>
        <translation>The 18-character code on the business licence</translation>
    </message>
    <message>
        <source>见养老保险参保缴费凭证</source>
        <translation>See the pension insurance payment record</translation>
    </message>
    <message>
        <source>以当地医保经办机构公布的名称为准</source>
        <translation>Use the name the local medical insurance office publishes</translation>
    </message>
    <message>
        <source>如“{area}医疗保障局”，以当地公布的名称为准</source>
        <translation>e.g. “{area} Healthcare Security Administration”; use the name published locally</translation>
    </message>
    <message>
        <source>取自参保记录的最后一段（暂停参保），可以修改。</source>
        <translation>Taken from the last insurance period (suspended); you can change it.</translation>
    </message>
</context>
<context>
    <name>TransferWizard</name>
    <message>
        <source>医保关系转移接续助手</source>
        <translation>Medical Insurance Transfer Helper</translation>
    </message>
</context>
<context>
    <name>WindowMode</name>
    <message>
        <source>导入二维码(&amp;I)…</source>
        <translation>&amp;Import QR code…</translation>
    </message>
    <message>
        <source>导入申请人在家生成的二维码（扫描枪或照片）（Ctrl+I）</source>
        <translation>Import the QR code the applicant made at home (scanner or photo) (Ctrl+I)</translation>
    </message>
    <message>
        <source>下一位(&amp;X)</source>
        <translation>Ne&amp;xt applicant</translation>
    </message>
    <message>
        <source>清除上一位申请人的全部内容，开始接待下一位（Ctrl+Shift+N）</source>
        <translation>Clear everything of the previous applicant and start with the next one (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>锁定屏幕(&amp;K)</source>
        <translation>Loc&amp;k screen</translation>
    </message>
    <message>
        <source>暂时遮住屏幕，按任意键继续（Ctrl+L）</source>
        <translation>Cover the screen for now; any key continues (Ctrl+L)</translation>
    </message>
    <message>
        <source>窗口模式(&amp;W)</source>
        <translation>&amp;Window mode</translation>
    </message>
    <message>
        <source>窗口模式设置(&amp;T)…</source>
        <translation>Window mode se&amp;ttings…</translation>
    </message>
    <message>
        <source>窗口模式</source>
        <translation>Window mode</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>WindowSettingsDialog</name>
    <message>
        <source>窗口模式设置</source>
        <translation>Window mode settings</translation>
    </message>
    <message>
        <source>本机在经办窗口使用（窗口模式）(&amp;E)</source>
        <translation>This computer is used at a service window (window mod&amp;e)</translation>
    </message>
    <message>
        <source>窗口模式为一台电脑接待多位申请人而设：工具栏上的“下一位”清除上一位的全部内容（草稿、自动保存、临时文件、剪贴板），无人操作时自动锁屏、再过一段时间自动清除；不记录最近使用的文件夹；操作记录（不含任何个人信息）写在数据文件夹的 audit.log 中。</source>
        <translation>Window mode is for one computer serving many applicants: “Next applicant” on the toolbar clears everything of the previous one (draft, autosave, temporary files, clipboard); when nobody uses the computer the screen locks, and a while later the data is cleared; no recent folder is remembered; a log of actions (without any personal data) is kept in audit.log in the data folder.</translation>
    </message>
    <message>
        <source>无人操作时</source>
        <translation>When nobody uses the computer</translation>
    </message>
    <message>
        <source>锁屏等待(&amp;L)：</source>
        <translation>&amp;Lock after:</translation>
    </message>
    <message>
        <source>清除等待(&amp;C)：</source>
        <translation>&amp;Clear after:</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>无人操作多少分钟后锁屏</source>
        <translation>Minutes without use before the screen locks</translation>
    </message>
    <message>
        <source>无人操作多少分钟后清除申请内容</source>
        <translation>Minutes without use before the application is cleared</translation>
    </message>
    <message>
        <source>锁屏只是为了在柜台遮住屏幕，不是安全措施：按任意键即可继续。</source>
        <translation>The lock only covers the screen at the counter; it is not a security measure: any key continues.</translation>
    </message>
    <message>
        <source>本经办机构（自动填入每份新申请）</source>
        <translation>This agency (filled into every new application)</translation>
    </message>
    <message>
        <source>转入地（接收转入的申请）</source>
        <translation>Destination (receives transfers in)</translation>
    </message>
    <message>
        <source>转出地</source>
        <translation>Origin</translation>
    </message>
    <message>
        <source>自动（申请涉及哪个地区，就用那里的规则包）</source>
        <translation>Automatic (the pack of each area the application involves)</translation>
    </message>
    <message>
        <source>不用本地规则包（只按全国规定）</source>
        <translation>No local pack (national rules only)</translation>
    </message>
    <message>
        <source>本窗口是(&amp;S)：</source>
        <translation>Thi&amp;s window is the:</translation>
    </message>
    <message>
        <source>统筹区(&amp;A)：</source>
        <translation>Planning &amp;area:</translation>
    </message>
    <message>
        <source>经办机构名称(&amp;N)：</source>
        <translation>Agency &amp;name:</translation>
    </message>
    <message>
        <source>地址(&amp;D)：</source>
        <translation>A&amp;ddress:</translation>
    </message>
    <message>
        <source>电话(&amp;P)：</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>邮政编码(&amp;Z)：</source>
        <translation>Postcode (&amp;Z):</translation>
    </message>
    <message>
        <source>本地规则包(&amp;R)：</source>
        <translation>Local &amp;rule pack:</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>打开草稿</source>
        <translation>Open draft</translation>
    </message>
    <message>
        <source>草稿文件 (*.json)</source>
        <translation>Draft files (*.json)</translation>
    </message>
    <message>
        <source>另存草稿</source>
        <translation>Save draft as</translation>
    </message>
    <message>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>退出并清除(&amp;Q)</source>
        <translation>&amp;Quit and clear</translation>
    </message>
    <message>
        <source>打印材料</source>
        <translation>Print documents</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>按实际尺寸（100%）打印。如果打印机设置里有“适合页面”或“缩放”，请关闭，否则表格会变小。</source>
        <translation>Print at actual size (100%). If the printer settings have “fit to page” or “scale”, turn it off, or the forms will print smaller.</translation>
    </message>
    <message>
        <source>缩小(&amp;O)</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <source>放大(&amp;I)</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <source>整页(&amp;W)</source>
        <translation>&amp;Whole page</translation>
    </message>
    <message>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>下一位</source>
        <translation>Next applicant</translation>
    </message>
    <message>
        <source>当前申请还没有打印，也没有保存。清除后无法恢复。确定要清除并接待下一位吗？</source>
        <translation>The current application has been neither printed nor saved. Once cleared it cannot be recovered. Clear it and serve the next applicant?</translation>
    </message>
    <message>
        <source>清除并接待下一位(&amp;C)</source>
        <translation>&amp;Clear and serve the next applicant</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打开照片或扫描件</source>
        <translation>Open a photo or scan</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.gif)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.gif)</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>zh</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>protected_files</name>
    <message>
        <source>正在根据口令计算密钥，请稍候…</source>
        <translation>Deriving the key from the passphrase, please wait…</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
</context>
</TS>
