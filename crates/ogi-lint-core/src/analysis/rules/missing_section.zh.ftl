# missing-section：缺少模板要求的部分。

missing-section-before = 缺少“{ $heading }”：应在“{ $next }”之前
    .fix = 插入标题“{ $heading }”
missing-section-at-end = 缺少“{ $heading }”：应在报告末尾
    .fix = 插入标题“{ $heading }”
missing-section-empty-file = 文件是空的：政府信息公开工作年度报告应有六个部分，从“{ $first }”到“{ $last }”
missing-section-not-a-report = 这不像一份政府信息公开工作年度报告：“{ $first }”到“{ $last }”六个部分一个也没有，也没有统计表
