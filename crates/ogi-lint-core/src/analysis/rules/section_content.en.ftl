# section-content: section 一 leaves out a topic, or (2021) section 六 does not state the 信息处理费.

section-content = section { $number } does not mention { $topics }: the template expects it to
