"""The prose of the demo: the texts under consultation, the minutes of the
past hearing, and the people who take part."""

# name, email, bairro: people who take part in the demo (no password: they
# cannot log in; the demo citizen is the account to use).
PARTICIPANTS = [
    ("Joana Ribeiro", "joana.ribeiro@participa.betim.example", "Citrolândia"),
    ("Carlos Eduardo Souza", "carlos.souza@participa.betim.example", "PTB"),
    ("Aparecida Lima", "aparecida.lima@participa.betim.example", "Jardim Teresópolis"),
    ("Rafael Martins", "rafael.martins@participa.betim.example", "Centro"),
]

CULTURE_TEXT = """\
CAPÍTULO I
DAS DISPOSIÇÕES PRELIMINARES

Art. 1º Fica aprovado o Plano Municipal de Cultura de Betim para o decênio 2027-2036, \
com duração de dez anos, em conformidade com o Sistema Nacional de Cultura e a Lei \
Federal nº 12.343, de 2 de dezembro de 2010.

Art. 2º São princípios do Plano Municipal de Cultura:

I - a liberdade de expressão, criação e fruição;

II - a diversidade cultural e o respeito às identidades dos bairros e regionais;

III - o direito de todas as pessoas à memória, ao patrimônio e aos bens culturais;

IV - a participação e o controle social na formulação das políticas culturais.

Art. 3º São objetivos do Plano Municipal de Cultura:

I - descentralizar a oferta cultural, garantindo equipamentos públicos de cultura em \
todas as regionais do Município;

II - valorizar as culturas populares, os povos de terreiro, o hip-hop e as \
manifestações tradicionais de Betim;

III - fomentar a economia da cultura, com atenção aos coletivos e às pequenas \
organizações culturais.

CAPÍTULO II
DO FINANCIAMENTO

Art. 4º O Fundo Municipal de Cultura será o principal instrumento de financiamento \
do Plano.

§ 1º Ao menos trinta por cento dos recursos do Fundo serão destinados a editais \
voltados a agentes culturais das regionais fora do Centro.

§ 2º Os editais terão linhas específicas para:

a) iniciativas de jovens de 15 a 29 anos;

b) mestres e mestras das culturas populares;

c) coletivos sem CNPJ, na forma da Lei Federal nº 14.903, de 27 de junho de 2024.

Art. 5º O Poder Executivo publicará anualmente, no Participa Betim, o relatório de \
execução do Fundo Municipal de Cultura.

Parágrafo único. O relatório será apresentado em audiência pública convocada com \
antecedência mínima de quinze dias.

CAPÍTULO III
DO ACOMPANHAMENTO

Art. 6º O Conselho Municipal de Política Cultural acompanhará a execução do Plano e \
fará sua revisão a cada quatro anos.

Art. 7º Esta Lei entra em vigor na data de sua publicação.
"""

GARDENS_TEXT = """\
Art. 1º Fica instituído o Programa Municipal de Hortas Comunitárias, destinado a \
promover a segurança alimentar, a educação ambiental e o uso social de terrenos \
públicos ociosos.

Art. 2º As hortas poderão ser implantadas em:

I - terrenos públicos sem destinação, mediante termo de cessão de uso;

II - escolas e unidades de saúde, com a participação da comunidade escolar e dos \
usuários;

III - terrenos particulares, mediante acordo com o proprietário.

Art. 3º A gestão de cada horta caberá a um grupo gestor formado por moradores do \
entorno, com apoio técnico da Secretaria Municipal de Meio Ambiente.

Art. 4º Esta Lei entra em vigor na data de sua publicação.
"""

HEALTH_MINUTES = """\
ATA DA AUDIÊNCIA PÚBLICA DE PRESTAÇÃO DE CONTAS DA SAÚDE — 2º QUADRIMESTRE

Aos {day} dias do mês de {month} de {year}, às dezoito horas, no Auditório do Centro \
Administrativo da Prefeitura de Betim, Rua Pará de Minas, 640, Brasiléia, realizou-se a \
audiência pública de apresentação do Relatório Detalhado do Quadrimestre Anterior (RDQA) \
da Secretaria Municipal de Saúde, nos termos do art. 36 da Lei Complementar nº 141, de \
13 de janeiro de 2012.

A mesa foi composta pela Secretária Municipal de Saúde, pelo Superintendente de \
Planejamento em Saúde e pela Presidente do Conselho Municipal de Saúde. A sessão foi \
transmitida pela internet e contou com intérprete de Libras.

1. Apresentação. A equipe de planejamento apresentou a execução orçamentária do \
quadrimestre, a aplicação de 22,4% da receita de impostos em ações e serviços públicos \
de saúde (acima do mínimo constitucional de 15%), a produção das unidades básicas e os \
indicadores pactuados, com destaque para a cobertura vacinal infantil e o tempo de \
espera por consultas especializadas.

2. Manifestações. Foram registradas três contribuições: duas por escrito, pelo site, e \
uma fala presencial. Os temas foram o tempo de espera por especialistas na regional \
Citrolândia, o horário estendido das unidades básicas e a divulgação dos dados por \
bairro. As respostas da Secretaria a cada contribuição estão publicadas com esta ata.

3. Encaminhamentos. A Secretaria comprometeu-se a publicar, junto com o próximo \
relatório, os tempos de espera por especialidade e por regional, e a apresentar ao \
Conselho Municipal de Saúde, em até sessenta dias, o estudo de ampliação do horário \
das unidades básicas.

Nada mais havendo a tratar, a audiência foi encerrada às vinte horas e quinze minutos, \
e eu, servidora da Superintendência de Relacionamento com a Sociedade Civil, lavrei a \
presente ata.
"""

PT_MONTHS = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
]
