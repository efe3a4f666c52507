# Editor features: hover, outline, completion.

hover-row = **{ $row }** row of { $table }, { $year } edition ({ $document }).
hover-row-written = Written: { $written } — the standard label is **{ $standard }**.
hover-label = { $place }: written **{ $written }**, standard **{ $standard }**.
hover-section = Section **{ $heading }** (section { $number }) of the { $year } edition ({ $document }).
hover-section-table = It must hold { $table }.
hover-missing = (missing)
hover-invalid = (invalid)
hover-sum-differs = **The parts add up to { $sum }, not { $written }.**
hover-rows-not-listed = (rows not listed are 0)
hover-culprit = **{ $message }.**
outline-standard-title = standard: { $title }
outline-extra-section = not in the template
outline-edition = { $year } edition
completion-heading = section heading, { $year } edition
completion-table = { $table } (empty table)
completion-table-detail = the whole table, { $year } edition
completion-table2-block = 表二 block, { $year } edition
completion-table2-column = 表二 column of { $block }
completion-table2-row = 表二 row of { $block }
completion-table3-row = 表三 row, { $year } edition
completion-table3-header = 表三 header, { $year } edition
completion-table4-header = 表四 header, { $year } edition
hover-statement = The prose's { $stated } is { $table }:
hover-statement-none = This statement of the prose is { $table }:
hover-statement-cell = “{ $cell }”, which is { $value }
hover-statement-unknown = “{ $cell }” (blank, missing or not a number there: not compared)
