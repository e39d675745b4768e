"""``python -m desktop`` runs the ``hoso`` command (and is the frozen bundle's entry point)."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # Worker processes (desktop.documents.render_documents) start by ``spawn``: in a
        # frozen bundle they re-run this executable, and freeze_support() turns them into
        # workers. (Not frozen, it does nothing; importing multiprocessing costs ~15 ms of
        # every start.)
        import multiprocessing

        multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
