# unreadable-file: reported by the command line; its messages are in src/cli/encoding.en.ftl.
