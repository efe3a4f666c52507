# missing-row：缺少模板要求的行或项目。

missing-row = { $table }缺少“{ $row }”行
    .fix = 插入“{ $row }”行
missing-row-of-block = { $table }缺少{ $block }的“{ $row }”行
    .fix = 插入“{ $row }”行
missing-row-block = { $table }缺少{ $block }：{ $rows }
missing-row-figures = { $table }表头下没有数字行：应有一行 { $count } 个数字（行政复议、行政诉讼各项）
