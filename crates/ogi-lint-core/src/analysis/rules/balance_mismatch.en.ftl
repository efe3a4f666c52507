# balance_mismatch: its messages are in relations.en.ftl (shared with the other arithmetic rule).
