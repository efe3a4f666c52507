# balance_mismatch：消息在 relations.zh.ftl（与另一条规则共用）。
