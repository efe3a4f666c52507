# missing-row: a row or a block the template requires is absent.

missing-row = { $table } is missing the row { $row }
    .fix = Insert the row { $row }
missing-row-of-block = { $table } is missing the row { $row } of { $block }
    .fix = Insert the row { $row }
missing-row-block = { $table } is missing { $block }: { $rows }
missing-row-figures = { $table } has no row of figures under its header: write one row of { $count } figures (行政复议 and 行政诉讼)
