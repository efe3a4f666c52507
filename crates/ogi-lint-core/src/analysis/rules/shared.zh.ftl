# 各规则共用的说法：修正的标题、标签所在的位置。

fix-replace = 改为“{ $new }”

place-table3-header = 表三表头
place-table3-row = 表三行名
place-table3-column = 表三列名
place-table2-block = 表二项目名称
place-table2-column = 表二列名
place-table2-row = 表二行名
place-table4-header = 表四表头
place-section-number = 部分序号
place-section-heading = 部分标题
