# File encodings: files that cannot be read (unreadable-file), and --fix that cannot write a file back in its encoding.

encoding-not-utf8 = not UTF-8, GB18030/GBK, or UTF-16 with a byte-order mark: byte { $offset } (line { $line }) is { $byte }, which is not UTF-8; save the file as UTF-8
encoding-not-gb18030 = not UTF-8, GB18030/GBK, or UTF-16 with a byte-order mark: it reads as GB18030 up to byte { $offset } (line { $line }), { $byte }, which is not GB18030; save the file as UTF-8
encoding-not-utf16 = starts with a { $encoding } byte-order mark, but byte { $offset } (line { $line }) is not { $encoding }; save the file as UTF-8
encoding-nul = holds a NUL character at byte { $offset } (line { $line }): UTF-16 without a byte-order mark, or not a text file; save it as UTF-8
encoding-cannot-write-exactly = cannot write the fixes in { $encoding } without changing bytes they do not touch; the file was left as it is (save it as UTF-8 and run --fix again)
