# label-punctuation：标签只在标点、全半角或空格上与模板不同。

label-punctuation = { $place }“{ $written }”与标准写法“{ $standard }”只差标点、全半角或空格
