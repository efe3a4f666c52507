# 编辑器功能：悬停说明、大纲、补全。

hover-row = { $table }的“**{ $row }**”行，{ $year } 年版模板（{ $document }）。
hover-row-written = 现写作“{ $written }”，标准写法为“**{ $standard }**”。
hover-label = { $place }：现写作“**{ $written }**”，标准写法为“**{ $standard }**”。
hover-section = { $year } 年版模板（{ $document }）的第{ $number }部分“**{ $heading }**”。
hover-section-table = 本部分应包含{ $table }。
hover-missing = （缺）
hover-invalid = （无效）
hover-sum-differs = **各项之和为 { $sum }，不是 { $written }。**
hover-rows-not-listed = （未列出的行均为 0）
hover-culprit = **{ $message }。**
outline-standard-title = 标准标题：{ $title }
outline-extra-section = 模板中没有此部分
outline-edition = { $year } 年版
completion-heading = 部分标题，{ $year } 年版
completion-table = { $table }（空表）
completion-table-detail = 整张表，{ $year } 年版
completion-table2-block = 表二项目名称，{ $year } 年版
completion-table2-column = { $block }的列名
completion-table2-row = { $block }的行名
completion-table3-row = 表三行名，{ $year } 年版
completion-table3-header = 表三表头，{ $year } 年版
completion-table4-header = 表四表头，{ $year } 年版
hover-statement = 正文的 { $stated } 对应{ $table }：
hover-statement-none = 正文的这句话对应{ $table }：
hover-statement-cell = “{ $cell }”为 { $value }
hover-statement-unknown = “{ $cell }”（表中此处空白、缺格或不是数字，未比较）
