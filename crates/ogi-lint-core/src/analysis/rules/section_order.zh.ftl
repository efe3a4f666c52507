# section-order：部分顺序不对、序号不对，或多出的部分使序号后移。

section-order-extra = “{ $heading }”不是模板中的部分，它使其后各部分的序号后移
section-order-out-of-order = 第{ $number }部分“{ $title }”的位置不对：按模板顺序，它应排在序号在它之后的各部分前面
section-order-numbered = 序号写作“{ $written }”，但这是模板的第{ $number }部分，应写“{ $number }、”
section-order-numbered-shifted = 序号写作“{ $written }”，但这是模板的第{ $number }部分，应写“{ $number }、”；是前面多出的部分使序号后移
section-order-no-number = 部分标题缺少序号：模板中为“{ $number }、”
    .fix = 插入序号“{ $number }、”
