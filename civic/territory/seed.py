"""Initial list of Betim's regionais and bairros, loaded by a data migration.

The ten regionais are the Prefeitura's administrative regions. The bairros are a
starting list for forms and filters, to be checked by the SRSC against the
municipal bairros law; staff add, rename or deactivate them in the admin.
"""

REGIONAIS: dict[str, list[str]] = {
    "Alterosas": [
        "Jardim das Alterosas",
        "Santa Cruz",
        "Guarujá Mansões",
        "Parque das Acácias",
    ],
    "Centro": [
        "Centro",
        "Angola",
        "Brasiléia",
        "Chácara",
        "Filadélfia",
        "Ingá",
        "Jardim da Cidade",
        "Dom Bosco",
        "Espírito Santo",
        "Arquipélago Verde",
    ],
    "Citrolândia": ["Citrolândia", "Colônia Santa Isabel"],
    "Icaivera": ["Icaivera"],
    "Imbiruçu": ["Imbiruçu", "Jardim Piemont", "Bandeirinhas", "Marimbá"],
    "Norte": [
        "Amazonas",
        "Laranjeiras",
        "Guanabara",
        "Niterói",
        "Jardim Brasília",
        "Duque de Caxias",
    ],
    "Petrovale": ["Petrovale"],
    "PTB": ["PTB", "Paquetá", "Capelinha", "Cândida Ferreira"],
    "Teresópolis": ["Jardim Teresópolis", "Nossa Senhora de Fátima", "Campos Elíseos"],
    "Vianópolis": ["Vianópolis", "Granja Verde"],
}
