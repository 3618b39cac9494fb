from threatdesk.cli import main

main()
