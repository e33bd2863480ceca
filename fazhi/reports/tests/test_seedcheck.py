from fazhi.reports import seedcheck

SEED = "第一句话不长。这是一句足够长的句子用来检查项目里是否抄写了样本报告的原文内容；短句。"


def test_a_copied_sentence_is_found_and_a_short_one_is_not(tmp_path):
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / "report.txt").write_text(SEED, encoding="utf-8")
    sentences = seedcheck.seed_sentences(seed)
    assert sentences == {"这是一句足够长的句子用来检查项目里是否抄写了样本报告的原文内容"}
    project = tmp_path / "project"
    project.mkdir()
    (project / "ok.py").write_text('TEXT = "第一句话不长"\n', encoding="utf-8")
    assert seedcheck.find_copies(project, sentences) == []
    (project / "copy.html").write_text(
        "<p>这是一句足够长的句子用来检查项目里\n是否抄写了样本报告的原文内容</p>", encoding="utf-8"
    )
    assert [p.name for p, _ in seedcheck.find_copies(project, sentences)] == ["copy.html"]


def test_without_the_seed_the_check_fails(tmp_path):
    assert seedcheck.main([str(tmp_path / "missing")]) == 2
