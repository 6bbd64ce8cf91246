"""Learned scorers over the rule candidates: a linear model with named features per decision
(is a trigger an event, which mentions are its source and target, who speaks a quote), trained
by ``hadath train`` on the project's span annotations and shipped as JSON beside the lexicons."""
