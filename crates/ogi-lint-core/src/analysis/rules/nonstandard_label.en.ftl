# nonstandard-label: a row, column or block label worded differently from the template.

nonstandard-label = { $place } { $written } should read { $standard }
nonstandard-label-swapped = { $place } { $written } stands where the template has { $standard } (columns swapped?)
nonstandard-label-column-order = the columns of 表三 are out of order: { $written } stands after { $standard }; put them in the template's order: { $order }
