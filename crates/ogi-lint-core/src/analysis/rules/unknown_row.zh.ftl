# unknown-row：表中的行或整张表在模板中没有。

unknown-row-no-label = 这一行的数字前没有行名称：请在行首写上该行在{ $table }中的名称
unknown-row-no-match = { $table }中没有“{ $label }”这一行：请改用模板的行名称，或删去此行
unknown-row-duplicate = “{ $label }”在{ $table }中出现了两次，只核对第一次出现的那一行
unknown-row-duplicate-no-label = { $table }中又有一行没有行名称的数字，只核对第一行
unknown-row-extra-values = “{ $label }”一行有 { $found } 个数字，但{ $table }只有 { $expected } 列
unknown-row-extra-values-no-label = 这一行有 { $found } 个数字，但{ $table }只有 { $expected } 列
unknown-row-group-with-values = “{ $label }”是{ $table }中的分组标题，不填数字：请把数字填在其下的各编号行
unknown-row-more = （{ $table }中还有 { $more } 行类似情况，未逐一列出）
unknown-row-extra-table = 以“{ $first }”开头的表格不是模板中的统计表（是否为本地增加的表？），其中的数字不作核对
