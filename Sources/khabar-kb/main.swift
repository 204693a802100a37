// khabar-kb: builds and inspects the knowledge base (data/kb).
KBCommand.main()
