import NoaberCLI

// All parsing, running and exit-code mapping lives in NoaberCLI so that it can be tested in-process.
NoaberCommandLine.main()
