# invalid-number：数字格里写的不是本栏认可的数字。

invalid-number-not-a-number = { $place } 写的是“{ $written }”，不是数字：请填阿拉伯数字，没有的填 0
invalid-number-not-a-number-meant = { $place } 写的是“{ $written }”，不是数字：应为 { $meant }
invalid-number-chinese-numeral = { $place } 写的是汉字数字“{ $written }”：请改用阿拉伯数字
invalid-number-chinese-numeral-meant = { $place } 写的是汉字数字“{ $written }”：请改用阿拉伯数字 { $meant }
invalid-number-count-with-unit = { $place } 写的是“{ $written }”：件数只填数字、不带单位，应为 { $meant }
invalid-number-count-fraction = { $place } 写的是“{ $written }”：件数是整数，不能有小数
invalid-number-count-negative = { $place } 写的是“{ $written }”：件数不能是负数
invalid-number-count-signed = { $place } 写的是“{ $written }”：件数不带正负号，应为 { $meant }
invalid-number-change-fraction = { $place } 写的是“{ $written }”：增减的件数是整数，不能有小数
invalid-number-change-with-money = { $place } 写的是“{ $written }”：此栏是件数，不带金额单位
invalid-number-money-negative = { $place } 写的是“{ $written }”：金额不能是负数
invalid-number-yuan-in-wan = { $place } 写的是“{ $written }”：此栏以万元为单位，请换算成万元后只填数字
invalid-number-money-with-count = { $place } 写的是“{ $written }”：金额不带“件”“个”等量词
