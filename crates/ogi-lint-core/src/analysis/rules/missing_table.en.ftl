# missing-table: section 二, 三 or 四 has no statistics table.

missing-table = section { $number } has no { $table }: the template requires the table even when every figure is 0
    .fix = Insert an empty { $table }
missing-table-elsewhere = section { $number } has no { $table }: the table appears elsewhere in the report and belongs here
    .fix = Insert an empty { $table }
