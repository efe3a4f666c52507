# Wording shared by the rules: fix titles, where a label stands.

fix-replace = Replace with { $new }

place-table3-header = 表三 header
place-table3-row = 表三 row label
place-table3-column = 表三 column label
place-table2-block = 表二 item label
place-table2-column = 表二 column label
place-table2-row = 表二 row label
place-table4-header = 表四 header
place-section-number = section number
place-section-heading = section heading
