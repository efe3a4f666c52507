# unknown-row: a row, or a whole table, that the template does not have.

unknown-row-no-label = the figures on this line have no row label: begin the row with its label as { $table } writes it
unknown-row-no-match = { $table } has no row { $label }: use the template's row label, or remove the row
unknown-row-duplicate = row { $label } appears twice in { $table }; only the first is checked
unknown-row-duplicate-no-label = another row of figures without a label in { $table }; only the first is checked
unknown-row-extra-values = row { $label } has { $found } values but { $table } has { $expected } columns
unknown-row-extra-values-no-label = this row has { $found } values but { $table } has { $expected } columns
unknown-row-group-with-values = { $label } is a group heading in { $table } and carries no values; put the figures on its numbered rows
unknown-row-more = { $more ->
    [one] (1 more row of { $table } like this not listed)
   *[other] ({ $more } more rows of { $table } like this not listed)
}
unknown-row-extra-table = the table starting with { $first } is not one of the template's statistics tables (a local addition?); its figures are not checked
