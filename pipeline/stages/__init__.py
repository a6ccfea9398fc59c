"""The extraction stages, one module each, in the order ``runner.STAGES`` runs them.

normalize → metadata → segment → references → entities → dates → figures → checks → locate.
Each module holds ``run(doc)``; it reads the rows earlier stages made and appends its own.
"""
