"""The domain, one module per concept (taxonomy, fiche, network, livrable, collection)."""
