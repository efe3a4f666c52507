# section-title：部分标题的措辞与模板不同。

section-title = 第{ $number }部分的标题应为“{ $standard }”，现为“{ $found }”
