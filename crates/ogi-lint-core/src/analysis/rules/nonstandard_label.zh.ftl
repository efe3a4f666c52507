# nonstandard-label：行名称、列名称或项目名称的措辞与模板不同。

nonstandard-label = { $place }“{ $written }”应为“{ $standard }”
nonstandard-label-swapped = { $place }“{ $written }”所在的位置，模板中是“{ $standard }”（是否两列写反了？）
nonstandard-label-column-order = 表三各列的顺序与模板不同：“{ $written }”排在了“{ $standard }”之后；请按模板顺序排列：{ $order }
