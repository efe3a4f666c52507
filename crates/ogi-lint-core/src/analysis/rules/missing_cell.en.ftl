# missing-cell: a row short of figures, or with blank cells.

missing-cell-short = row { $row } has { $found } of { $expected } figures: write one in every cell, 0 for none; its totals are checked once it is complete
missing-cell-blank = row { $row } leaves { $columns } blank: write 0 for none
    .fix = Fill in the total { $sum }
missing-cell-column = column { $number }
