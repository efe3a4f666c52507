# edition-mismatch：表格或标签用的是另一版模板。

edition-why-config = 配置要求按 { $edition } 年版模板核对
edition-why-document = 报告引用了{ $document }
edition-why-year = 本报告为 { $year } 年度，应使用 { $edition } 年版模板，即{ $document }
edition-why-labels = 报告整体按 { $edition } 年版模板填写
edition-mismatch-table = { $table }是按 { $other } 年版模板填写的，但{ $why }
edition-mismatch-collapsed-other = “{ $group }”在 { $other } 年版模板中是一行，{ $edition } 年版模板将其分为 { $rows } 行（{ $names }）；{ $why }
edition-mismatch-no-such-row = “{ $written }”是 { $other } 年版模板的行，{ $edition } 年版模板没有这一行（{ $why }）
edition-mismatch-wording = “{ $written }”是 { $other } 年版模板的写法，{ $edition } 年版模板写作“{ $standard }”（{ $why }）
edition-mismatch-other-meaning = “{ $written }”是 { $other } 年版模板的{ $place }，{ $edition } 年版模板此处为“{ $standard }”，统计的是另一项内容（{ $why }）
