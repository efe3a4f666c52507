# year-mismatch：标题、统计期限与第一部分正文所写的报告年度不一致。

year-mismatch-title = 标题写的是 { $written } 年，而{ $others }是 { $year } 年：标题应为 { $year } 年
year-mismatch-period = 统计期限写的是 { $written } 年，而{ $others }是 { $year } 年：统计期限应为 { $year } 年
year-mismatch-prose = 正文把 { $written } 年当作本报告年度来写，而{ $others }是 { $year } 年：多半是上年报告里留下的句子
year-mismatch-witness = { $what }：{ $year } 年
year-mismatch-in-title = 标题
year-mismatch-in-period = 统计期限
year-mismatch-in-prose = 正文
