# missing-table：第二、三、四部分缺少统计表。

missing-table = 第{ $number }部分缺少{ $table }：即使各项数字都是 0，模板也要求列出此表
    .fix = 插入空白的{ $table }
missing-table-elsewhere = 第{ $number }部分缺少{ $table }：此表出现在报告的其他位置，应放在本部分
    .fix = 插入空白的{ $table }
