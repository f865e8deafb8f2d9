"""Write the analyst notebooks in notebooks/ (outputs stripped).

The notebooks are generated from the cell lists below so their code stays
reviewable in one place; tests/test_notebooks.py executes every notebook.
Run: python scripts/make_notebooks.py
"""
from __future__ import annotations

from pathlib import Path

import nbformat as nbf

OUT = Path(__file__).resolve().parent.parent / "notebooks"

SETUP = """import insatsmining as im
from insatsmining.resources import demo_dir
from insatsmining.io import read_inputs
pipe = im.load()
ins, nul, files = read_inputs([next(demo_dir().glob('*.xlsx'))])
len(ins), len(nul)"""

NOTEBOOKS = {
    "01_snabbstart.ipynb": [
        ("md", "# Snabbstart\n\nLadda den medföljande modellen (fungerar utan nätverk), klassa några "
               "insatsbeskrivningar, hitta teman och målgrupper och ta fram utmaningar ur en nulägesanalys. "
               "Modellen är tränad på en skriven korpus; sannolikheterna är kalibrerade men förslagen ska granskas."),
        ("code", "import insatsmining as im\npipe = im.load()\npipe"),
        ("md", "Varje text får en sannolikhet per insatsområde (3.1–3.8), ett bästa område, alla områden som "
               "bedöms gälla, en flagga när modellen är osäker och de ord som avgjorde."),
        ("code", "texts = ['Hembesök av barnmorska inom 72 timmar efter hemgång från BB.',\n"
                 "         'Kulturdoulor stöttar kvinnor med annat modersmål under förlossningen.',\n"
                 "         'Två barnmorsketjänster på BMM i Jokkmokk för att slippa långa resor.']\n"
                 "pipe.classify(texts)"),
        ("code", "pipe.tag(texts)"),
        ("code", "pipe.extract_challenges(['Det är fortsatt svårt att rekrytera barnmorskor till BB i Visby. "
                 "Under året har två barnmorskor anställts.'], region='Gotland', year=2025)"),
    ],
    "02_arsanalys.ipynb": [
        ("md", "# En hel års uppföljning\n\nDemoexporten (skrivna exempeldata) läses in, analyseras och "
               "sammanfattas. Tabellerna räknar på regionens egen rapportering (officiell bas) och visar "
               "modellens bedömning bredvid."),
        ("code", SETUP),
        ("code", "res = pipe.analyze(ins, nul)\nres"),
        ("code", "s = res.summary()\nprint(s['per_area'].attrs['title'])\ns['per_area']"),
        ("code", "s['reported_vs_model']"),
        ("code", "s.get('money_per_area')"),
        ("md", "Diagram med en fast färg per område, sparade som PNG och SVG."),
        ("code", "from insatsmining import plots\nfig, alt = plots.bars_per_area(s['per_area'])\n"
                 "plots.save(fig, 'figurer/per_omrade')\nprint(alt)"),
        ("code", "from insatsmining.challenges import top_challenges\n"
                 "top_challenges(res.challenges, pipe.challenges.categories)"),
    ],
    "03_granskning.ipynb": [
        ("md", "# Granskning av föreslagna områden\n\nFörslagen sorteras så att osäkra rader och rader där "
               "regionens område skiljer sig från texten kommer först. Beslut sparas till disk direkt."),
        ("code", SETUP),
        ("code", "table = pipe.suggest(ins[ins['year'] == 2025])\ntable.head()"),
        ("code", "from insatsmining.review import ReviewState\n"
                 "state = ReviewState(table.head(5), 'granskning_beslut.jsonl')\n"
                 "state.accept()  # godkänn förslaget för första raden\nstate.progress"),
        ("md", "I Jupyter öppnar `review_widget(table, 'granskning_beslut.jsonl')` ett gränssnitt med "
               "markerade belägg, en knapp per område och Godkänn/Nästa/Tillbaka."),
        ("code", "from insatsmining.review import review_widget\n_ = review_widget(table.head(5), 'granskning_beslut.jsonl')"),
        ("code", "from insatsmining.review import agreement\n"
                 "rev = state.reviewed()\nagreement(rev['areas'], [[a] for a in rev['forslag_1']], [f'3.{i}' for i in range(1, 9)])"),
    ],
    "04_tidsserie.ipynb": [
        ("md", "# Tidsserie 2023–2025 över överenskommelserna\n\nÄldre års områden räknas om till 2025 års "
               "koder via korsnyckeln; 'nya arbetssätt' saknar efterföljare och klassas från texten. Insatser "
               "som fortsätter mellan åren länkas."),
        ("code", SETUP),
        ("code", "mapped = im.map_areas(ins, pipeline=pipe)\n"
                 "mapped[['year', 'area_reported', 'area_2025', 'area_2025_source']].head(10)"),
        ("code", "res = pipe.analyze(ins)\ns = res.summary()\ns['per_year']"),
        ("code", "s['series']"),
        ("code", "from insatsmining import plots\nfig, alt = plots.change_over_years(s['per_year'])\nfig"),
    ],
    "05_teman.ipynb": [
        ("md", "# Utöka temalexikonet\n\nTermer som återkommer men inte täcks av något tema listas med "
               "sammanhang; ett eget tema läggs till i en YAML-fil eller direkt i koden."),
        ("code", SETUP),
        ("code", "pipe.suggest_themes(ins['text'].dropna(), min_count=3).head(15)"),
        ("code", "from pathlib import Path\nPath('mina_teman.yaml').write_text('''kind: theme\nentries:\n"
                 "  - id: sommarbemanning\n    name: Sommarbemanning\n    patterns: [sommarbemanning*, sommarvikari*, semester*]\n''', encoding='utf-8')\n"
                 "pipe2 = im.load(themes='mina_teman.yaml')\n"
                 "pipe2.tag(['Sommarbemanningen på BB löstes med sommarvikarier.'])"),
        ("code", "from insatsmining.tagging import kwic, kwic_html\nfrom IPython.display import HTML\n"
                 "texts = ins['text'].dropna().tolist()\nHTML(kwic_html(kwic(texts, pipe.tag(texts), 'amning').head(8)))"),
    ],
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nb = nbf.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.metadata["language_info"] = {"name": "python"}
        nb.cells = [nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src) for kind, src in cells]
        nbf.write(nb, OUT / name)
        print("wrote", OUT / name)


if __name__ == "__main__":
    main()
