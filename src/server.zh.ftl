# 语言服务器：设置错误、“在这一行关闭”快速修复。

server-setting-ignored = { $error }；这一项不生效，其他设置照常生效
server-debounce-not-a-number = ogiLint.debounceMs 应是毫秒数，现为 { $value }
server-log-level-not-a-string = ogiLint.logLevel 应是字符串，现为 { $value }
server-log-level-bad = ogiLint.logLevel { $level }：{ $error }
server-disable-on-line = 在这一行关闭 { $code } 检查
