"""Initial text of the institutional pages, in pt-BR, as StreamField raw data.

Editors own these pages after the first setup: `ensure_site_content()` creates
them only when missing and never overwrites an edited page. Names, addresses and
emails are not written into the text: the `site_contact` and `dpo_contact`
blocks show the current values from the site settings.
"""


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def static(block_type: str) -> dict:
    return {"type": block_type, "value": None}


def faq(title: str, items: list[tuple[str, str]]) -> dict:
    return {
        "type": "accordion",
        "value": {
            "title": title,
            "items": [{"question": q, "answer": a} for q, a in items],
        },
    }


HOME = {
    "title": "Início",
    "slug": "inicio",
    "hero_title": "Participe das decisões de Betim",
    "intro": (
        "<p>Consultas públicas, audiências, conselhos municipais e parcerias com "
        "organizações da sociedade civil, em um só lugar. Acompanhe, opine e "
        "fiscalize as políticas públicas da sua cidade.</p>"
    ),
    "hero_cta_label": "Conheça o Participa Betim",
    "search_description": (
        "Plataforma de participação social da Prefeitura de Betim: consultas "
        "públicas, audiências, conselhos municipais e parcerias com a sociedade civil."
    ),
    "body": [
        heading("Como participar"),
        paragraph(
            "<p>Crie sua conta com um e-mail válido para enviar contribuições às "
            "consultas públicas, inscrever-se para falar em audiências e receber "
            "avisos sobre os temas e bairros que interessam a você. Para apenas "
            "acompanhar, não é preciso cadastro: todas as informações públicas "
            "ficam abertas a qualquer pessoa.</p>"
        ),
        faq(
            "Perguntas frequentes",
            [
                (
                    "Preciso me cadastrar para participar?",
                    "<p>Para ler consultas, pautas, atas e resultados, não. Para "
                    "enviar contribuições ou se inscrever em audiências, sim: o "
                    "cadastro garante que cada pessoa participe em seu próprio nome.</p>",
                ),
                (
                    "A Prefeitura responde às contribuições?",
                    "<p>Sim. Ao fim de cada consulta ou audiência, a Prefeitura "
                    "publica uma devolutiva dizendo quais contribuições foram "
                    "aceitas, quais não foram e por quê.</p>",
                ),
                (
                    "Como meus dados pessoais são usados?",
                    '<p>Somente para viabilizar a sua participação. Veja a <a href="/privacidade/">'
                    "Política de Privacidade</a> para conhecer seus direitos.</p>",
                ),
            ],
        ),
    ],
}

ABOUT = {
    "title": "Sobre o Participa Betim",
    "slug": "sobre",
    "show_in_menus": True,
    "intro": (
        "<p>O Participa Betim é a plataforma digital de participação social da "
        "Prefeitura de Betim, mantida pela Secretaria Municipal de Governo.</p>"
    ),
    "search_description": (
        "O que é o Participa Betim, quem o mantém e o que você pode fazer na plataforma."
    ),
    "body": [
        heading("Para que serve"),
        paragraph(
            "<p>A plataforma reúne os canais pelos quais a população participa da "
            "gestão pública municipal:</p><ul>"
            "<li><b>Consultas públicas</b>: propostas de leis, planos e programas "
            "abertas a contribuições por prazo determinado;</li>"
            "<li><b>Audiências públicas</b>: agenda, inscrição para falar, "
            "documentos e atas;</li>"
            '<li><b><a href="/conselhos/">Conselhos municipais</a></b>: composição, '
            "reuniões, pautas, atas e resoluções;</li>"
            "<li><b>Parcerias com organizações da sociedade civil</b>: cadastro de "
            'entidades, <a href="/chamamentos/">chamamentos públicos</a> e '
            '<a href="/parcerias/">termos de fomento e de colaboração</a>, '
            "conforme a Lei federal nº 13.019/2014 (Marco Regulatório das "
            "Organizações da Sociedade Civil).</li></ul>"
        ),
        heading("Quem mantém"),
        paragraph(
            "<p>A Superintendência de Relacionamento com a Sociedade Civil, da "
            "Secretaria Municipal de Governo, coordena a plataforma em conjunto com "
            "as secretarias responsáveis por cada consulta, audiência ou conselho.</p>"
        ),
        static("site_contact"),
        heading("Compromissos"),
        paragraph(
            "<p>Toda contribuição recebe resposta pública (devolutiva). As "
            "informações de interesse público ficam abertas, em linguagem simples e "
            "acessível, conforme a Lei de Acesso à Informação (Lei nº 12.527/2011) e "
            "a Lei do Governo Digital (Lei nº 14.129/2021). Os dados pessoais são "
            "tratados conforme a Lei Geral de Proteção de Dados Pessoais (Lei nº "
            "13.709/2018).</p>"
        ),
    ],
}

TERMS = {
    "title": "Termos de Uso",
    "slug": "termos-de-uso",
    "intro": (
        "<p>Estas são as regras para usar o Participa Betim. Ao criar uma conta, "
        "você declara que as leu e concorda com elas.</p>"
    ),
    "search_description": "Regras de uso da plataforma Participa Betim.",
    "body": [
        heading("1. Sobre a plataforma"),
        paragraph(
            "<p>O Participa Betim é um serviço público gratuito da Prefeitura de "
            "Betim, mantido pela Secretaria Municipal de Governo, para consultas "
            "públicas, audiências, conselhos municipais e parcerias com "
            "organizações da sociedade civil.</p>"
        ),
        heading("2. Cadastro"),
        paragraph(
            "<ul><li>Cada conta pertence a uma única pessoa, que responde pelas "
            "informações que fornece e pelo sigilo da sua senha.</li>"
            "<li>Informe dados verdadeiros. Contas criadas com dados falsos ou em "
            "nome de outra pessoa podem ser suspensas.</li>"
            "<li>Você pode corrigir seus dados, baixá-los ou excluir sua conta a "
            'qualquer momento em <a href="/minha-conta/">Minha conta</a>.</li></ul>'
        ),
        heading("3. Regras para as contribuições"),
        paragraph(
            "<p>As contribuições são públicas e aparecem com o nome informado no "
            "cadastro. Não são permitidos conteúdos que:</p><ul>"
            "<li>ofendam, ameacem ou discriminem pessoas ou grupos;</li>"
            "<li>exponham dados pessoais de outras pessoas;</li>"
            "<li>façam propaganda comercial, político-partidária ou eleitoral;</li>"
            "<li>não tenham relação com o tema em discussão ou repitam a mesma "
            "mensagem várias vezes;</li>"
            "<li>violem direitos autorais ou qualquer outra lei.</li></ul>"
            "<p>A equipe de moderação pode ocultar uma contribuição que descumpra "
            "estas regras, informando o motivo a quem a escreveu, que pode pedir "
            "revisão pelos canais de contato.</p>"
        ),
        heading("4. Natureza da participação"),
        paragraph(
            "<p>As consultas e audiências têm caráter consultivo: as contribuições "
            "orientam a decisão da Administração, que publica uma devolutiva "
            "explicando o que foi acolhido e por quê. As deliberações dos conselhos "
            "municipais seguem as leis e regimentos de cada conselho.</p>"
        ),
        heading("5. Uso das contribuições"),
        paragraph(
            "<p>Ao publicar uma contribuição, você autoriza a Prefeitura de Betim a "
            "reproduzi-la, citá-la e publicá-la, com indicação de autoria, nos "
            "relatórios e documentos do respectivo processo participativo.</p>"
        ),
        heading("6. Alterações destes termos"),
        paragraph(
            "<p>Estes termos podem ser atualizados. Mudanças relevantes são "
            "informadas na plataforma e, quando necessário, pedimos um novo aceite.</p>"
        ),
        heading("7. Contato e foro"),
        paragraph(
            "<p>Dúvidas sobre estes termos podem ser enviadas pelos canais abaixo. "
            "Fica eleito o foro da Comarca de Betim (MG) para questões decorrentes "
            "do uso da plataforma.</p>"
        ),
        static("site_contact"),
    ],
}

PRIVACY = {
    "title": "Política de Privacidade",
    "slug": "privacidade",
    "intro": (
        "<p>Como o Participa Betim trata os seus dados pessoais, conforme a Lei "
        "Geral de Proteção de Dados Pessoais (LGPD, Lei nº 13.709/2018), e como "
        "exercer os seus direitos.</p>"
    ),
    "search_description": (
        "Política de Privacidade do Participa Betim: dados tratados, bases legais, "
        "direitos do titular e contato do encarregado de dados."
    ),
    "body": [
        heading("1. Quem trata os seus dados"),
        paragraph(
            "<p>O controlador dos dados é o Município de Betim, por meio da "
            "Secretaria Municipal de Governo. O encarregado pelo tratamento de "
            "dados pessoais, canal de comunicação entre você, a Prefeitura e a "
            "Autoridade Nacional de Proteção de Dados (ANPD), é:</p>"
        ),
        static("dpo_contact"),
        heading("2. Quais dados tratamos"),
        paragraph(
            "<ul><li><b>Cadastro</b>: nome completo e e-mail (obrigatórios); CPF, "
            "telefone e bairro (opcionais).</li>"
            "<li><b>Participação</b>: contribuições, votos, inscrições em audiências "
            "e demais registros da sua atuação nos processos participativos.</li>"
            "<li><b>Segurança</b>: data e hora de acesso, endereço IP e navegador, "
            "guardados para proteger a sua conta e cumprir o Marco Civil da "
            "Internet (Lei nº 12.965/2014).</li></ul>"
        ),
        heading("3. Para que e com qual base legal"),
        paragraph(
            "<ul><li>Viabilizar a participação social, identificar quem participa e "
            "responder às contribuições: <b>execução de políticas públicas</b> pela "
            "Administração (LGPD, art. 7º, III, e art. 23).</li>"
            "<li>Dados opcionais (CPF, telefone, bairro) e avisos por e-mail sobre "
            "temas do seu interesse: <b>consentimento</b> (LGPD, art. 7º, I), que "
            "você pode revogar a qualquer momento.</li>"
            "<li>Registros de acesso: <b>cumprimento de obrigação legal</b> (LGPD, "
            "art. 7º, II).</li></ul>"
            "<p>Se os dados tratados incluírem informações sensíveis (por exemplo, "
            "a indicação de um segmento representado em um conselho), o tratamento "
            "se limita ao necessário para a política pública (LGPD, art. 11).</p>"
        ),
        heading("4. Seus direitos"),
        paragraph(
            "<p>Você pode, a qualquer momento e sem custo (LGPD, art. 18):</p><ul>"
            '<li><b>acessar</b> os seus dados e confirmar o tratamento, em <a href="/minha-conta/">Minha conta</a>;</li>'
            '<li><b>corrigir</b> dados incompletos, inexatos ou desatualizados, em <a href="/minha-conta/editar/">Editar meus dados</a>;</li>'
            '<li><b>baixar</b> uma cópia dos seus dados em formato aberto (portabilidade), em <a href="/minha-conta/meus-dados/">Baixar meus dados</a>;</li>'
            '<li><b>excluir</b> a sua conta, em <a href="/minha-conta/excluir/">Excluir conta</a>;</li>'
            "<li><b>revogar o consentimento</b> e saber com quem os dados foram compartilhados;</li>"
            "<li>apresentar reclamação à ANPD.</li></ul>"
            "<p>Pedidos enviados ao encarregado são respondidos em até 15 dias "
            "(LGPD, art. 19).</p>"
        ),
        heading("5. Exclusão da conta e guarda dos dados"),
        paragraph(
            "<p>Ao excluir a conta, os seus dados de cadastro são apagados. As "
            "contribuições já publicadas fazem parte do registro público do "
            "processo participativo e permanecem, mas passam a aparecer como de "
            "participante removido, sem o seu nome. Documentos que a lei manda "
            "guardar, como os de parcerias com organizações da sociedade civil (Lei "
            "nº 13.019/2014), são mantidos pelo prazo legal.</p>"
        ),
        heading("6. Compartilhamento"),
        paragraph(
            "<p>Os dados não são vendidos nem cedidos para fins comerciais. Podem ser "
            "compartilhados com órgãos da Prefeitura responsáveis pelo processo em "
            "que você participa, e com autoridades quando a lei exigir.</p>"
        ),
        heading("7. Cookies e armazenamento no navegador"),
        paragraph(
            "<p>Usamos apenas cookies necessários: o de sessão (para manter você "
            "conectado), o de proteção contra envios forjados (CSRF) e o do idioma "
            "escolhido. A preferência de alto contraste fica guardada somente no seu "
            "navegador. Não usamos cookies de publicidade nem ferramentas de "
            "rastreamento de terceiros.</p>"
        ),
        heading("8. Segurança"),
        paragraph(
            "<p>A comunicação com a plataforma é criptografada, as senhas são "
            "guardadas de forma irreversível e as contas da equipe da Prefeitura "
            "usam verificação em duas etapas. Em caso de incidente de segurança que "
            "possa causar risco ou dano relevante, você e a ANPD serão comunicados "
            "(LGPD, art. 48).</p>"
        ),
    ],
}

ACCESSIBILITY = {
    "title": "Acessibilidade",
    "slug": "acessibilidade",
    "intro": (
        "<p>O Participa Betim segue o Modelo de Acessibilidade em Governo "
        "Eletrônico (e-MAG 3.1) e as Diretrizes de Acessibilidade para Conteúdo Web "
        "(WCAG 2.1, nível AA), conforme a Lei Brasileira de Inclusão (Lei nº "
        "13.146/2015, art. 63).</p>"
    ),
    "search_description": (
        "Recursos de acessibilidade do Participa Betim: atalhos de teclado, alto "
        "contraste e como pedir ajuda."
    ),
    "body": [
        heading("Atalhos de teclado"),
        paragraph(
            "<p>Todas as páginas têm, no topo, uma barra de acessibilidade com "
            "atalhos:</p><ul>"
            "<li><b>Alt + 1</b>: ir para o conteúdo;</li>"
            "<li><b>Alt + 2</b>: ir para o menu;</li>"
            "<li><b>Alt + 3</b>: ir para a busca;</li>"
            "<li><b>Alt + 4</b>: ir para o rodapé.</li></ul>"
            "<p>No Firefox, use <b>Alt + Shift</b> e o número. No Safari e no "
            "Chrome para macOS, use <b>Control + Option</b> e o número. Também é "
            "possível navegar por todo o site apenas com a tecla Tab.</p>"
        ),
        heading("Alto contraste"),
        paragraph(
            "<p>O botão <b>Alto contraste</b>, na barra do topo, alterna as cores da "
            "página para texto claro sobre fundo preto. A escolha fica guardada no "
            "seu navegador. Se o seu sistema operacional já usa um modo de alto "
            "contraste, o site respeita as cores definidas por ele.</p>"
        ),
        heading("Tamanho do texto"),
        paragraph(
            "<p>Para aumentar ou diminuir o texto, use <b>Ctrl + sinal de mais</b> e "
            "<b>Ctrl + sinal de menos</b> (no macOS, <b>Command</b>). Para voltar ao "
            "tamanho original, use <b>Ctrl + 0</b>.</p>"
        ),
        heading("Outros recursos"),
        paragraph(
            "<ul><li>O site foi feito para funcionar sem JavaScript e com "
            "leitores de tela como NVDA, JAWS, VoiceOver e TalkBack.</li>"
            "<li>Imagens têm texto alternativo e vídeos têm título e, quando "
            "disponível, transcrição.</li>"
            "<li>Formulários indicam os campos obrigatórios e mostram os erros ao "
            "lado de cada campo.</li>"
            "<li>Para traduzir conteúdos para a Língua Brasileira de Sinais (Libras), "
            "você pode usar o VLibras, ferramenta gratuita do Governo Federal.</li></ul>"
        ),
        heading("Encontrou uma barreira?"),
        paragraph(
            "<p>Se alguma parte do site não estiver acessível para você, avise-nos "
            "pelos canais abaixo, dizendo a página e o problema. Vamos corrigir e "
            "responder.</p>"
        ),
        static("site_contact"),
    ],
}

STANDARD_PAGES = [ABOUT, TERMS, PRIVACY, ACCESSIBILITY]
