# section-content：第一部分少了某项内容，或（2021 年版）第六部分未说明信息处理费。

section-content = 第{ $number }部分没有提到{ $topics }：模板要求本部分写明
