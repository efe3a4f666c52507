# unreadable-file：由命令行报告，消息在 src/cli/encoding.zh.ftl。
