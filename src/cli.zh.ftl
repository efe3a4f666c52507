# ogi-lint check：汇总行与错误信息（每行开头的 error: 与 path:行:列: 严重程度[规则代码] 格式不变）。

summary = 共 { $files } 个文件：{ $errors } 个错误，{ $warnings } 个警告，{ $hints } 个提示
summary-with-infos = 共 { $files } 个文件：{ $errors } 个错误，{ $warnings } 个警告，{ $infos } 条说明，{ $hints } 个提示
summary-unreadable = （其中 { $count } 个文件读不了）
summary-skipped = ；跳过了 { $count } 个看起来不是年度报告的文件
cli-cannot-read-folder = 读不了当前文件夹：{ $error }
cli-cannot-write-report = 无法输出检查结果：{ $error }
cli-cannot-write-fixed-text = 无法输出修正后的文本：{ $error }
cli-cannot-read-file = 读不了这个文件：{ $error }
cli-not-found = 找不到这个文件或文件夹
cli-permission-denied = 没有读取权限
fix-changed-on-disk = ogi-lint 修正期间文件被改动过，修正没有写入（请重新运行 ogi-lint check --fix）
fix-cannot-write = 无法写入修正：{ $error }
