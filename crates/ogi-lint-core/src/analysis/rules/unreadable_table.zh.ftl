# unreadable-table：认得出是统计表，但写法无法识别。

unreadable-table = { $table }（{ $span }）的写法无法识别，表中的数字未经核对：{ $what }。{ $how }
unreadable-table-span = 第 { $lines } 行
unreadable-table-rows-found = 模板的 { $expected } 行中只找到 { $found } 行
unreadable-table-as-text = 各行是以空格分隔数字的文字，不是表格
unreadable-table-unread-lines = 第 { $lines } 行对不上模板的任何一行，或数字个数与列数不符
unreadable-table-how = 表格可以写成：以竖线“|”分隔各格的表格（有无“|---|”分隔行、行首行尾有无竖线均可）、以制表符分隔各格的行、每格占一行（以制表符开头或以“ |”结尾），或从 PDF 复制出的文字；每行（或每格）单独占一行，每行以模板的行名称开头
