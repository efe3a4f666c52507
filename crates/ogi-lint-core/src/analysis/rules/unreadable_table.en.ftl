# unreadable-table: a statistics table is recognised but its layout cannot be read.

unreadable-table = { $table } ({ $span }) is not laid out in a way that can be read, so its figures are not checked: { $what }. { $how }
unreadable-table-span = { $count ->
    [one] line { $lines }
   *[other] lines { $lines }
}
unreadable-table-rows-found = only { $found } of its { $expected } rows are there
unreadable-table-as-text = its rows are lines of text with the figures separated by spaces, not a table
unreadable-table-unread-lines = { $count ->
    [one] line { $lines } matches no row of the template or does not fit its columns
   *[other] lines { $lines } match no row of the template or do not fit its columns
}
unreadable-table-how = Write the table as pipe rows (with or without |---| and outer pipes), TAB-separated rows, one cell per line (TAB-indented or ending in ` |`) or PDF text: one row (or one cell) per line, each row beginning with the template's label
