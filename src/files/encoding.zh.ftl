# 文件编码：读不了的文件（unreadable-file），以及 --fix 无法按原编码写回。

encoding-not-utf8 = 文件既不是 UTF-8、GB18030/GBK，也不是带字节顺序标记的 UTF-16：偏移 { $offset } 字节处（第 { $line } 行）的 { $byte } 不是 UTF-8；请把文件另存为 UTF-8
encoding-not-gb18030 = 文件既不是 UTF-8、GB18030/GBK，也不是带字节顺序标记的 UTF-16：按 GB18030 读到偏移 { $offset } 字节处（第 { $line } 行）的 { $byte } 时出错；请把文件另存为 UTF-8
encoding-not-utf16 = 文件以 { $encoding } 字节顺序标记开头，但偏移 { $offset } 字节处（第 { $line } 行）不是 { $encoding }；请把文件另存为 UTF-8
encoding-nul = 偏移 { $offset } 字节处（第 { $line } 行）是空字符：这是不带字节顺序标记的 UTF-16，或者不是文本文件；请另存为 UTF-8
encoding-cannot-write-exactly = 无法在不改动其他字节的情况下按 { $encoding } 写回修正，文件保持原样（请把文件另存为 UTF-8 后再运行 --fix）
