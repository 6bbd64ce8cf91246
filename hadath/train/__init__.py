"""Training data and learned scorers: span annotations, their split, and the models that decide
among the rule candidates (``hadath train``)."""
