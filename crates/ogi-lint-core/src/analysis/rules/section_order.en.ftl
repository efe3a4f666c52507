# section-order: sections out of order, numbered wrongly, or shifted by an extra section.

section-order-extra = extra section { $heading } is not in the template and shifts the numbering of the sections after it
section-order-out-of-order = section { $number } ({ $title }) is out of order: in the template it comes before every section numbered after it
section-order-numbered = numbered { $written } but it is section { $number } of the template: write { $number }、
section-order-numbered-shifted = numbered { $written } but it is section { $number } of the template: write { $number }、; an extra section before it shifts the numbering
section-order-no-number = section heading without its number: the template numbers it { $number }、
    .fix = Insert the number { $number }、
