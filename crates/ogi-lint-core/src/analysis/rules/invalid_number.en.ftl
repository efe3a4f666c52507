# invalid-number: a value cell holds something its column does not take as a number.

invalid-number-not-a-number = { $place }: { $written } is not a number; write the figure in digits, 0 for none
invalid-number-not-a-number-meant = { $place }: { $written } is not a number; write { $meant }
invalid-number-chinese-numeral = { $place }: { $written } is written in Chinese numerals; write it in digits
invalid-number-chinese-numeral-meant = { $place }: { $written } is written in Chinese numerals; write { $meant }
invalid-number-count-with-unit = { $place }: { $written } carries a unit; a count is the bare number: { $meant }
invalid-number-count-fraction = { $place }: { $written } is a fraction; a count is a whole number
invalid-number-count-negative = { $place }: { $written } is negative; a count is never below 0
invalid-number-count-signed = { $place }: { $written } carries a sign; a count has none: { $meant }
invalid-number-change-fraction = { $place }: { $written } is a fraction; a change in the number of items is a whole number
invalid-number-change-with-money = { $place }: { $written } carries a money unit; this column counts items
invalid-number-money-negative = { $place }: { $written } is negative; an amount of money is never below 0
invalid-number-yuan-in-wan = { $place }: { $written } is in 元 but the column is in 万元; convert it and write the figure alone
invalid-number-money-with-count = { $place }: { $written } carries a count word; an amount of money takes none
