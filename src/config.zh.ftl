# ogi-lint.toml 与编辑器设置中的错误。

config-in-editor-settings = 编辑器设置：{ $message }
config-settings-not-object = 设置应是一个 JSON 对象
config-cannot-read = 读不了配置文件：{ $error }
config-invalid-toml = 不是有效的 TOML：{ $error }
config-invalid-toml-backslash = 不是有效的 TOML：{ $error }（在双引号中“\”表示转义：Windows 路径请用单引号括起来，或改用“/”或“\\”）
config-unknown-key = 不认识的设置项“{ $key }”（可用的有：{ $expected }）
config-not-a-string = “{ $key }”应是一个字符串（{ $expected }之一）
config-unknown-edition = 不认识的模板版本“{ $value }”（可用的有：{ $expected }）
config-unknown-language = 不认识的语言“{ $value }”（可用的有：{ $expected }）
config-severity-not-table = “severity”应是“规则代码 = 级别”的表（写作 [severity]）
config-severity-not-object = “severity”应是“规则代码 → 级别”的对象
config-severity-not-a-string = 规则“{ $rule }”的级别应是一个字符串（{ $expected }之一）
config-unknown-severity = 规则“{ $rule }”的级别“{ $value }”不认识（可用的有：{ $expected }）
config-unknown-rule-closest = [severity] 中的规则“{ $rule }”不存在（是否想写“{ $closest }”？）
config-unknown-rule = [severity] 中的规则“{ $rule }”不存在（现有规则：{ $known }）
config-globs-not-array = “{ $key }”应是由通配符字符串组成的数组
config-globs-item-not-string = “{ $key }”应是由通配符字符串组成的数组，其中的 { $item } 不是字符串
config-bad-glob = “{ $key }”中的通配符“{ $pattern }”有误：{ $error }
