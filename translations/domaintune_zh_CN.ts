<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DurationText</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>MetricText</name>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>F1 (macro)</source>
        <translation>F1（宏平均）</translation>
    </message>
    <message>
        <source>F1 (micro)</source>
        <translation>F1（微平均）</translation>
    </message>
    <message>
        <source>F1 (weighted)</source>
        <translation>F1（加权）</translation>
    </message>
    <message>
        <source>precision (macro)</source>
        <translation>精确率（宏平均）</translation>
    </message>
    <message>
        <source>recall (macro)</source>
        <translation>召回率（宏平均）</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>token accuracy</source>
        <translation>词元准确率</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>exact match</source>
        <translation>精确匹配</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>ModelSummary</name>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 M</translation>
    </message>
    <message>
        <source>%1 k</source>
        <translation>%1 k</translation>
    </message>
</context>
<context>
    <name>NewRunWizard</name>
    <message>
        <source>Text classification</source>
        <translation>文本分类</translation>
    </message>
    <message>
        <source>Multi-label classification</source>
        <translation>多标签分类</translation>
    </message>
    <message>
        <source>Named entities (NER)</source>
        <translation>命名实体识别（NER）</translation>
    </message>
    <message>
        <source>Domain-adaptive pretraining (masked LM)</source>
        <translation>领域自适应预训练（掩码语言模型）</translation>
    </message>
    <message>
        <source>Causal language model (GPT-2)</source>
        <translation>因果语言模型（GPT-2）</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>金融</translation>
    </message>
    <message>
        <source>Medicine</source>
        <translation>医疗</translation>
    </message>
    <message>
        <source>Law</source>
        <translation>法律</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Question answering (extractive)</source>
        <translation>抽取式问答</translation>
    </message>
</context>
<context>
    <name>WizardTaskPage</name>
    <message>
        <source>One label per text: sentiment of a news line, the clause type of a contract paragraph, the department of a patient question.</source>
        <translation>每条文本一个标签：新闻的情感、合同段落的条款类型、患者提问所属的科室。</translation>
    </message>
    <message>
        <source>Any number of labels per text, e.g. every risk a filing mentions.</source>
        <translation>每条文本可有任意多个标签，例如一份披露文件提到的所有风险。</translation>
    </message>
    <message>
        <source>Named entities: a label per word, such as diseases in abstracts or parties in contracts (CoNLL files).</source>
        <translation>命名实体：每个词一个标签，例如摘要中的疾病或合同中的当事方（CoNLL 文件）。</translation>
    </message>
    <message>
        <source>Continue the model&apos;s masked-language pretraining on unlabelled domain text before fine-tuning (&quot;Don&apos;t Stop Pretraining&quot;).</source>
        <translation>在微调之前，用无标注的领域文本继续模型的掩码语言预训练（“Don&apos;t Stop Pretraining”）。</translation>
    </message>
    <message>
        <source>Fine-tune a GPT-2 style model to continue domain text.</source>
        <translation>微调 GPT-2 类模型以续写领域文本。</translation>
    </message>
    <message>
        <source>Find the answer to a question in a passage, e.g. a dose in a drug label or a term in a contract (SQuAD-style JSON).</source>
        <translation>在一段文字中找出问题的答案，例如药品说明书中的剂量或合同中的条款（SQuAD 格式的 JSON）。</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::AnswerPanel</name>
    <message>
        <source>e.g. What is the maximum daily dose?</source>
        <translation>例如：每日最大剂量是多少？</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>问题(&amp;Q)：</translation>
    </message>
    <message>
        <source>Paste the text that holds the answer: a drug label, a clause, a guideline.</source>
        <translation>粘贴包含答案的文本：药品说明书、合同条款或诊疗指南。</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>C&amp;ontext:</source>
        <translation>上下文(&amp;O)：</translation>
    </message>
    <message>
        <source>Allow &quot;no answer&quot; (for models trained with unanswerable questions, SQuAD v2)</source>
        <translation>允许“无答案”（适用于用含无答案问题的数据训练的模型，SQuAD v2）</translation>
    </message>
    <message>
        <source>&amp;Answer (Ctrl+Enter)</source>
        <translation>回答(&amp;A)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Context with the answer highlighted</source>
        <translation>高亮显示答案的上下文</translation>
    </message>
    <message>
        <source>Type a question first.</source>
        <translation>请先输入问题。</translation>
    </message>
    <message>
        <source>Paste the context to look in first.</source>
        <translation>请先粘贴要查找答案的上下文。</translation>
    </message>
    <message>
        <source>Answering…</source>
        <translation>正在回答…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;No answer&lt;/b&gt; in this context (%1 % sure).</source>
        <translation>此上下文中&lt;b&gt;没有答案&lt;/b&gt;（把握 %1%）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No answer found&lt;/b&gt;: no span of the context fits.</source>
        <translation>&lt;b&gt;未找到答案&lt;/b&gt;：上下文中没有合适的片段。</translation>
    </message>
    <message>
        <source>Answer: &lt;b&gt;%1&lt;/b&gt; (probability %2 %)</source>
        <translation>答案：&lt;b&gt;%1&lt;/b&gt;（概率 %2%）</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::BatchPredictPanel</name>
    <message>
        <source>CSV, JSON lines or text file with the texts</source>
        <translation>包含文本的 CSV、JSON Lines 或纯文本文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>predictions.csv (or .jsonl)</source>
        <translation>predictions.csv（或 .jsonl）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Batch input:</source>
        <translation>批量输入：</translation>
    </message>
    <message>
        <source>Predictions to:</source>
        <translation>预测结果保存到：</translation>
    </message>
    <message>
        <source>Texts to predict</source>
        <translation>要预测的文本</translation>
    </message>
    <message>
        <source>Choose the file of texts and where the predictions go.</source>
        <translation>请选择文本文件以及预测结果的保存位置。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>%1 of %2 texts</source>
        <translation>已完成 %1 / %2 条文本</translation>
    </message>
    <message>
        <source>The prediction failed: %1</source>
        <translation>预测失败：%1</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n prediction(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 条预测写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Predict f&amp;ile</source>
        <translation>预测文件(&amp;I)</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::CompareDialog</name>
    <message>
        <source>Compare runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>实际用时（秒）</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>指标(&amp;M)：</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>横轴：</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Show &amp;differences only</source>
        <translation>仅显示差异(&amp;D)</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Best values</source>
        <translation>最佳值</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>Seconds since start</source>
        <translation>自开始以来的秒数</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Highest</source>
        <translation>最高值</translation>
    </message>
    <message>
        <source>Lowest</source>
        <translation>最低值</translation>
    </message>
    <message>
        <source>At step</source>
        <translation>所在步数</translation>
    </message>
    <message>
        <source>★ %1</source>
        <translation>★ %1</translation>
    </message>
    <message>
        <source>The best of the compared runs</source>
        <translation>所比较运行中的最佳者</translation>
    </message>
    <message>
        <source>Final evaluation</source>
        <translation>最终评估</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>%1 (step %2)</source>
        <translation>%1（第 %2 步）</translation>
    </message>
    <message>
        <source>Show each &amp;row as shares of its true class</source>
        <translation>按真实类别显示每行所占比例(&amp;R)</translation>
    </message>
    <message>
        <source>Makes runs evaluated on different numbers of examples comparable: each cell is the share of the true class.</source>
        <translation>使评估样本数不同的运行可以相互比较：每个单元格显示其在真实类别中所占的比例。</translation>
    </message>
    <message>
        <source>No confusion matrix: not a classification run, or not evaluated yet.</source>
        <translation>没有混淆矩阵：不是分类运行，或尚未评估。</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::ConfusionMatrixView</name>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>True</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Show shares of each true class</source>
        <translation>显示每个真实类别内的占比</translation>
    </message>
    <message>
        <source>true %1, predicted %2: %3 (%4 % of %1)</source>
        <translation>真实 %1，预测 %2：%3（占 %1 的 %4%）</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::DashboardPage</name>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>取消运行(&amp;C)</translation>
    </message>
    <message>
        <source>Rescale every chart to its data and follow new points again</source>
        <translation>将每个图表缩放到其数据范围，并重新跟随新数据点</translation>
    </message>
    <message>
        <source>&amp;Export charts</source>
        <translation>导出图表(&amp;E)</translation>
    </message>
    <message>
        <source>As PNG images…</source>
        <translation>导出为 PNG 图片…</translation>
    </message>
    <message>
        <source>As PDF documents…</source>
        <translation>导出为 PDF 文档…</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Evaluation loss</source>
        <translation>评估损失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Evaluation metrics</source>
        <translation>评估指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Samples per second</source>
        <translation>样本数/秒</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>原始</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Per-class metrics</source>
        <translation>各类别指标</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Preparing the run…&lt;/b&gt; importing the data and loading the model.</source>
        <translation>&lt;b&gt;正在准备运行…&lt;/b&gt;正在导入数据并加载模型。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stopping…&lt;/b&gt; the current step finishes first.</source>
        <translation>&lt;b&gt;正在停止…&lt;/b&gt;将先完成当前这一步。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Training&lt;/b&gt; — %n step(s) planned.</source>
        <translation>
            <numerusform>&lt;b&gt;训练中&lt;/b&gt; — 计划 %n 步。</numerusform>
        </translation>
    </message>
    <message>
        <source>epoch %1 · %2 elapsed · about %3 left</source>
        <translation>第 %1 轮 · 已用 %2 · 约剩 %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training&lt;/b&gt; — step %1 of %2, loss %3</source>
        <translation>&lt;b&gt;训练中&lt;/b&gt; — 第 %1 步，共 %2 步，损失 %3</translation>
    </message>
    <message>
        <source>Evaluation at step %1: %2</source>
        <translation>第 %1 步评估：%2</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Run completed&lt;/b&gt; after %n step(s).</source>
        <translation>
            <numerusform>&lt;b&gt;运行已完成&lt;/b&gt;，共 %n 步。</numerusform>
        </translation>
    </message>
    <message>
        <source>Model saved to %1</source>
        <translation>模型已保存到 %1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Run cancelled&lt;/b&gt; after %n step(s).</source>
        <translation>
            <numerusform>&lt;b&gt;运行已取消&lt;/b&gt;，已完成 %n 步。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;The run failed.&lt;/b&gt; See the log for details.</source>
        <translation>&lt;b&gt;运行失败。&lt;/b&gt;详情请查看日志。</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Export charts to folder</source>
        <translation>将图表导出到文件夹</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Only %1 of %2 charts could be written to %3.</source>
        <translation>%2 个图表中只有 %1 个成功写入 %3。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No run in progress.&lt;/b&gt; Start one in New run (Ctrl+1), or with Run ▸ Quick run (Ctrl+R).</source>
        <translation>&lt;b&gt;当前没有运行。&lt;/b&gt;可在“新建运行”（Ctrl+1）中启动，或使用“运行 ▸ 快速运行”（Ctrl+R）。</translation>
    </message>
    <message>
        <source>%1 elapsed</source>
        <translation>已用 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused&lt;/b&gt; at step %1 — press Resume to go on; the time paused does not count.</source>
        <translation>已在第 %1 步&lt;b&gt;暂停&lt;/b&gt; — 点击“继续”接着训练；暂停的时间不计入。</translation>
    </message>
    <message>
        <source>paused · %1 elapsed</source>
        <translation>已暂停 · 已用 %1</translation>
    </message>
    <message>
        <source>%1: &lt;b&gt;%2&lt;/b&gt; now · best %3 at step %4</source>
        <translation>%1：当前 &lt;b&gt;%2&lt;/b&gt; · 最佳 %3（第 %4 步）</translation>
    </message>
    <message>
        <source>⚠ The model predicts &quot;%1&quot; for every example: it has not learned to tell the classes apart yet. Train longer, raise the learning rate, or train more layers; check class weights for imbalanced data.</source>
        <translation>⚠ 模型对每个样本都预测为“%1”：它还没有学会区分各个类别。请训练更久、提高学习率或训练更多层；数据不均衡时请检查类别权重。</translation>
    </message>
    <message>
        <source>Smoothing of the training loss: how much each point of the smoothed curve keeps of the ones before it (0 = none).</source>
        <translation>训练损失的平滑程度：平滑曲线上每个点保留多少之前各点的值（0 = 不平滑）。</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <source>%1 samples/s on each of %2 processes</source>
        <translation>%2 个进程，每个 %1 样本/秒</translation>
    </message>
    <message>
        <source>F&amp;it charts</source>
        <translation>适配图表(&amp;I)</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::DataChartsView</name>
    <message>
        <source>Examples per label</source>
        <translation>各标签样本数</translation>
    </message>
    <message>
        <source>Length in tokens (red: truncated beyond)</source>
        <translation>词元长度（红线以外将被截断）</translation>
    </message>
    <message>
        <source>(other)</source>
        <translation>（其他）</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::DuplicatesDialog</name>
    <message>
        <source>exact</source>
        <translation>完全相同</translation>
    </message>
    <message>
        <source>same but for case and punctuation</source>
        <translation>仅大小写和标点不同</translation>
    </message>
    <message>
        <source>near (%1 % alike)</source>
        <translation>近似（相似度 %1%）</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复样本</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) repeat another one. Examples of each kind are listed; dropping them keeps the first of each group (a training example rather than a validation one).</source>
        <translation>
            <numerusform>有 %n 个样本与其他样本重复。下面列出每种重复的例子；删除重复时，每组保留第一个（优先保留训练样本而非验证样本）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Splits</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复了</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>%1 and %2 (leakage)</source>
        <translation>%1 与 %2（泄漏）</translation>
    </message>
    <message>
        <source>same split</source>
        <translation>同一划分</translation>
    </message>
    <message>
        <source>%1, repeating %2</source>
        <translation>%1，重复了 %2</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::ExportDialog</name>
    <message>
        <source>✔ %1: verified (largest difference %2, allowed %3)</source>
        <translation>✔ %1：校验通过（最大差异 %2，允许 %3）</translation>
    </message>
    <message>
        <source>✘ %1: verification FAILED: %2</source>
        <translation>✘ %1：校验失败：%2</translation>
    </message>
    <message>
        <source>Export the model of run %1</source>
        <translation>导出运行 %1 的模型</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Output folder:</source>
        <translation>输出文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>Hugging Face folder (transformers, DomainTune)</source>
        <translation>Hugging Face 文件夹（transformers、DomainTune 可加载）</translation>
    </message>
    <message>
        <source>TorchScript model.pt (LibTorch, torch.jit.load)</source>
        <translation>TorchScript model.pt（LibTorch、torch.jit.load 可加载）</translation>
    </message>
    <message>
        <source>Formats:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>float32 (exact)</source>
        <translation>float32（精确）</translation>
    </message>
    <message>
        <source>float16 (half the size)</source>
        <translation>float16（体积减半）</translation>
    </message>
    <message>
        <source>bfloat16 (half the size)</source>
        <translation>bfloat16（体积减半）</translation>
    </message>
    <message>
        <source>&amp;Weights:</source>
        <translation>权重精度(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Exporting and verifying…</source>
        <translation>正在导出并校验…</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>the final model (model/)</source>
        <translation>最终模型（model/）</translation>
    </message>
    <message>
        <source>the model of the best evaluation (best/)</source>
        <translation>最佳评估时的模型（best/）</translation>
    </message>
    <message>
        <source>The final model is the weights at the end of training; best/ holds them at the evaluation with the best main metric.</source>
        <translation>最终模型是训练结束时的权重；best/ 保存的是主要指标最佳那次评估时的权重。</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Replace the folder?</source>
        <translation>替换该文件夹？</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>替换(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <source>Nothing was exported; choose another output folder.</source>
        <translation>没有导出任何内容；请选择其他输出文件夹。</translation>
    </message>
    <message>
        <source>Written to %1 from %2; the result is stored in the run history.</source>
        <translation>已从 %2 写入 %1；结果已保存到运行历史中。</translation>
    </message>
    <message>
        <source>%1 already holds files; the export replaces what it writes there (a Hugging Face export replaces the whole folder).</source>
        <translation>%1 中已有文件；导出会替换它在其中写入的内容（Hugging Face 导出会替换整个文件夹）。</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::GenerationPanel</name>
    <message>
        <source>The beginning of a text for the model to continue.</source>
        <translation>一段文本的开头，由模型续写。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示文本</translation>
    </message>
    <message>
        <source>&amp;New tokens at most:</source>
        <translation>最多新词元数(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Sample, temperature</source>
        <translation>采样(&amp;S)，温度</translation>
    </message>
    <message>
        <source>Off: always the most likely token (greedy, repeatable). On: draw tokens at random; a higher temperature gives more varied text.</source>
        <translation>关闭：总是取概率最高的词元（贪心解码，可重复）。开启：随机抽取词元；温度越高，文本越多样。</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Decoding:</source>
        <translation>解码：</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Generated text</source>
        <translation>生成的文本</translation>
    </message>
    <message>
        <source>Type the beginning of a text first.</source>
        <translation>请先输入一段文本的开头。</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>The model ended the text (%n token(s)).</source>
        <translation>
            <numerusform>模型结束了文本（%n 个词元）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n token(s).</source>
        <translation>
            <numerusform>已在 %n 个词元后停止。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The model cannot read further: its %n positions are used.</source>
        <translation>
            <numerusform>模型无法再读下去：它的 %n 个位置已用完。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) generated.</source>
        <translation>
            <numerusform>已生成 %n 个词元。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>domaintune::ui::HistoryPage</name>
    <message>
        <source>Search runs by name, task, domain or status</source>
        <translation>按名称、任务、领域或状态搜索运行</translation>
    </message>
    <message>
        <source>C&amp;ompare</source>
        <translation>比较(&amp;O)</translation>
    </message>
    <message>
        <source>Select two or more runs to compare their curves and parameters</source>
        <translation>选择两个或更多运行，比较它们的曲线和参数</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>The run history could not be read: %1</source>
        <translation>无法读取运行历史：%1</translation>
    </message>
    <message>
        <source>The runs could not be compared: %1</source>
        <translation>无法比较这些运行：%1</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) from the history? Their metrics and evaluations are removed; model files on disk are kept.</source>
        <translation>
            <numerusform>要从历史中删除 %n 个运行吗？其指标和评估记录将被移除；磁盘上的模型文件会保留。</numerusform>
        </translation>
    </message>
    <message>
        <source>The runs could not be deleted: %1</source>
        <translation>无法删除这些运行：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) shown</source>
        <translation>
            <numerusform>显示 %n 个运行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n selected</source>
        <translation>
            <numerusform>，已选 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-r&amp;un</source>
        <translation>重新运行(&amp;U)</translation>
    </message>
    <message>
        <source>Start the selected run again with the same settings</source>
        <translation>以相同设置再次启动所选运行</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>继续(&amp;S)</translation>
    </message>
    <message>
        <source>Continue a cancelled, failed or interrupted run from its last checkpoint</source>
        <translation>从最近的检查点继续已取消、失败或中断的运行</translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation>更多(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Edit in the wizard…</source>
        <translation>在向导中编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>E&amp;xport model…</source>
        <translation>导出模型(&amp;X)…</translation>
    </message>
    <message>
        <source>Export table as &amp;CSV…</source>
        <translation>将表格导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Export the run table</source>
        <translation>导出运行表格</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The settings of run %1 cannot be read: %2</source>
        <translation>无法读取运行 %1 的设置：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 个运行写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Lineage</source>
        <translation>谱系(&amp;L)</translation>
    </message>
    <message>
        <source>Show the runs this one came from and led to: models trained on models, resumed runs, the trials of a search</source>
        <translation>显示此运行的来源和后续运行：基于其模型训练的模型、继续的运行、搜索中的试验</translation>
    </message>
    <message>
        <source>The lineage of run %1 cannot be read: %2</source>
        <translation>无法读取运行 %1 的谱系：%2</translation>
    </message>
    <message>
        <source>Open &amp;search…</source>
        <translation>打开搜索(&amp;S)…</translation>
    </message>
    <message>
        <source>Run %1 is not a search or a trial of one.</source>
        <translation>运行 %1 既不是搜索，也不是搜索中的试验。</translation>
    </message>
    <message>
        <source>The search of run %1 cannot be opened: %2</source>
        <translation>无法打开运行 %1 的搜索：%2</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>刷新(&amp;E)</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::HubDownloadDialog</name>
    <message>
        <source>Download from Hugging Face</source>
        <translation>从 Hugging Face 下载</translation>
    </message>
    <message>
        <source>Downloads a model from the Hugging Face Hub into the Hugging Face cache, where transformers finds it too. Only the files a model needs are fetched; large files are checked against their SHA-256.</source>
        <translation>从 Hugging Face Hub 下载模型到 Hugging Face 缓存（transformers 也能在那里找到它）。只下载模型需要的文件；大文件会校验 SHA-256。</translation>
    </message>
    <message>
        <source>Model &amp;id:</source>
        <translation>模型 ID(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Revision:</source>
        <translation>版本(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation>取消下载(&amp;C)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Asking the Hub for %1…</source>
        <translation>正在向 Hub 查询 %1…</translation>
    </message>
    <message>
        <source>%1 of %2 MB</source>
        <translation>%1 / %2 MB</translation>
    </message>
    <message>
        <source> · %1 MB/s · %2 left</source>
        <translation> · %1 MB/s · 剩余 %2</translation>
    </message>
    <message>
        <source>Cancelled. Download again to resume where it stopped.</source>
        <translation>已取消。再次下载会从中断处继续。</translation>
    </message>
    <message>
        <source>The download failed: %1</source>
        <translation>下载失败：%1</translation>
    </message>
    <message>
        <source>Downloaded %1 (commit %2); it is listed under Models.</source>
        <translation>已下载 %1（提交 %2）；它已列在“模型”页中。</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::LineageDialog</name>
    <message>
        <source>#%1 %2
%3 · %4
%5</source>
        <translation>#%1 %2
%3 · %4
%5</translation>
    </message>
    <message>
        <source>its model</source>
        <translation>其模型</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>trial</source>
        <translation>试验</translation>
    </message>
    <message>
        <source>Lineage of run %1</source>
        <translation>运行 %1 的谱系</translation>
    </message>
    <message>
        <source>Compare with &amp;parent</source>
        <translation>与上游运行比较(&amp;P)</translation>
    </message>
    <message>
        <source>Put this run beside the run whose model it trained on</source>
        <translation>将此运行与其所基于模型的运行并排比较</translation>
    </message>
    <message>
        <source>Each box is a run; an arrow leads from a run to the runs that trained on its model, continued it or were trials of its search. Click a box to select that run in the History.</source>
        <translation>每个方框是一次运行；箭头从一次运行指向基于其模型训练、继续它或作为其搜索试验的运行。单击方框可在历史记录中选中该运行。</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1（基于 %2）</translation>
    </message>
    <message>
        <source>Built in steps: %1</source>
        <translation>分步构建：%1</translation>
    </message>
    <message>
        <source>This run trained on a model from outside the History (%1).</source>
        <translation>此运行基于历史记录之外的模型（%1）训练。</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::LivePlot</name>
    <message>
        <source>&amp;Fit to data</source>
        <translation>适配数据(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export as PNG or PDF…</source>
        <translation>导出为 PNG 或 PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write %1. Check that the folder exists and is writable.</source>
        <translation>无法写入 %1。请确认该文件夹存在且可写。</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::MainWindow</name>
    <message>
        <source>DomainTune</source>
        <translation>DomainTune</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About DomainTune</source>
        <translation>关于 DomainTune(&amp;A)</translation>
    </message>
    <message>
        <source>About DomainTune</source>
        <translation>关于 DomainTune</translation>
    </message>
    <message>
        <source>&lt;b&gt;DomainTune %1&lt;/b&gt;&lt;p&gt;Adapts pretrained language models to finance, medicine, law and other domains, offline.&lt;/p&gt;</source>
        <translation>&lt;b&gt;DomainTune %1&lt;/b&gt;&lt;p&gt;离线将预训练语言模型适配到金融、医疗、法律等领域。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>训练看板</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quick run…</source>
        <translation>快速运行(&amp;Q)…</translation>
    </message>
    <message>
        <source>Fine-tune a model on one file with default settings</source>
        <translation>使用默认设置，在单个文件上微调模型</translation>
    </message>
    <message>
        <source>Quick run</source>
        <translation>快速运行</translation>
    </message>
    <message>
        <source>A run is already in progress. Cancel it on the dashboard or wait until it ends.</source>
        <translation>已有一个运行正在进行。请在训练看板上取消它，或等待其结束。</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>试用</translation>
    </message>
    <message>
        <source>New run</source>
        <translation>新建运行</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>&amp;Open run template…</source>
        <translation>打开运行模板(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a run template</source>
        <translation>打开运行模板</translation>
    </message>
    <message>
        <source>Run templates (*.json)</source>
        <translation>运行模板 (*.json)</translation>
    </message>
    <message>
        <source>A run is in progress</source>
        <translation>有运行正在进行</translation>
    </message>
    <message>
        <source>A training run is in progress. Quitting stops it.</source>
        <translation>有一个训练运行正在进行。退出会停止它。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stop and quit&lt;/b&gt; saves a checkpoint first: resume the run later from History. &lt;b&gt;Keep training&lt;/b&gt; leaves the window open.</source>
        <translation>&lt;b&gt;停止并退出&lt;/b&gt;会先保存检查点：之后可在“历史”中继续该运行。&lt;b&gt;继续训练&lt;/b&gt;则保持窗口打开。</translation>
    </message>
    <message>
        <source>&amp;Stop and quit</source>
        <translation>停止并退出(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keep training</source>
        <translation>继续训练(&amp;K)</translation>
    </message>
    <message>
        <source>Stopping the run and saving a checkpoint; the window closes when that is done…</source>
        <translation>正在停止运行并保存检查点；完成后窗口将关闭…</translation>
    </message>
    <message>
        <source>A search is running</source>
        <translation>搜索正在进行</translation>
    </message>
    <message>
        <source>A hyper-parameter search is running. Quitting stops it after the current step.</source>
        <translation>超参数搜索正在进行。退出会在当前步骤之后停止它。</translation>
    </message>
    <message>
        <source>Continue it later: History ▸ More ▸ Open search…, then tick “Continue the search”.</source>
        <translation>以后可以继续：历史记录 ▸ 更多 ▸ 打开搜索…，然后勾选“继续搜索”。</translation>
    </message>
    <message>
        <source>&amp;Keep searching</source>
        <translation>继续搜索(&amp;K)</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::ModelInfoView</name>
    <message>
        <source>Architecture:</source>
        <translation>架构：</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>参数量：</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>层数：</translation>
    </message>
    <message>
        <source>Hidden size / heads:</source>
        <translation>隐藏维度 / 注意力头：</translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation>词表大小：</translation>
    </message>
    <message>
        <source>Tokenizer:</source>
        <translation>分词器：</translation>
    </message>
    <message>
        <source>Maximum length:</source>
        <translation>最大长度：</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <source>This folder cannot be used: %1</source>
        <translation>无法使用此文件夹：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>cannot be loaded: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens</source>
        <translation>
            <numerusform>%n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <source>none (set by the data)</source>
        <translation>无（由数据决定）</translation>
    </message>
    <message>
        <source>The weights load, but the tokenizer does not: training needs both. Copy the tokenizer files into the folder.</source>
        <translation>权重可以加载，但分词器无法加载：训练需要两者。请将分词器文件复制到该文件夹。</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::ModelsPage</name>
    <message>
        <source>&lt;h2&gt;Models&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;模型&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&amp;Try it</source>
        <translation>试用(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>添加文件夹(&amp;A)…</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Starter model</source>
        <translation>入门模型</translation>
    </message>
    <message>
        <source>Recently used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>Fine-tuned by run %1</source>
        <translation>由运行 %1 微调</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>&amp;Download from Hugging Face…</source>
        <translation>从 Hugging Face 下载(&amp;D)…</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging Face 缓存</translation>
    </message>
    <message>
        <source>Fine-tune in a ne&amp;w run</source>
        <translation>在新运行中微调(&amp;W)</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::NewRunPage</name>
    <message>
        <source>Open template</source>
        <translation>打开模板</translation>
    </message>
    <message>
        <source>%1 is not a run template: %2</source>
        <translation>%1 不是运行模板：%2</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::NewRunWizard</name>
    <message>
        <source>New run</source>
        <translation>新建运行</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>This run cannot start: %1</source>
        <translation>无法启动此运行：%1</translation>
    </message>
    <message>
        <source>The output folder %1 already holds files (an earlier run?). Its model and checkpoints would be replaced. Continue?</source>
        <translation>输出文件夹 %1 中已有文件（之前的运行？）。其中的模型和检查点将被替换。是否继续？</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>The search cannot start: %1</source>
        <translation>无法开始搜索：%1</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::QuickRunDialog</name>
    <message>
        <source>Quick run</source>
        <translation>快速运行</translation>
    </message>
    <message>
        <source>Fine-tune a model on one file with default settings. The New-run wizard offers every option.</source>
        <translation>使用默认设置在单个文件上微调模型。“新建运行”向导提供全部选项。</translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation>模型文件夹(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>任务(&amp;T)：</translation>
    </message>
    <message>
        <source>Training &amp;file:</source>
        <translation>训练文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Corpora (*.csv *.tsv *.json *.jsonl *.txt *.conll);;All files (*)</source>
        <translation>语料文件 (*.csv *.tsv *.json *.jsonl *.txt *.conll);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Output folder:</source>
        <translation>输出文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>训练轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Stop after this many optimiser steps (0: train every epoch)</source>
        <translation>达到该优化步数后停止（0：训练完所有轮次）</translation>
    </message>
    <message>
        <source>Step &amp;limit:</source>
        <translation>步数上限(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Choose the model folder (a Hugging Face folder with config.json).</source>
        <translation>请选择模型文件夹（包含 config.json 的 Hugging Face 文件夹）。</translation>
    </message>
    <message>
        <source>The model folder %1 has no config.json; choose a Hugging Face model folder.</source>
        <translation>模型文件夹 %1 中没有 config.json；请选择一个 Hugging Face 模型文件夹。</translation>
    </message>
    <message>
        <source>Choose the training file.</source>
        <translation>请选择训练文件。</translation>
    </message>
    <message>
        <source>The training file %1 does not exist.</source>
        <translation>训练文件 %1 不存在。</translation>
    </message>
    <message>
        <source>Choose an output folder for the trained model.</source>
        <translation>请为训练好的模型选择输出文件夹。</translation>
    </message>
    <message>
        <source>The output %1 is a file; choose a folder.</source>
        <translation>输出位置 %1 是一个文件；请选择文件夹。</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::RunTableModel</name>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>%1
from %2</source>
        <translation>%1
来自 %2</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>best %1, at step %2</source>
        <translation>最佳%1，第 %2 步</translation>
    </message>
    <message>
        <source>Best score</source>
        <translation>最佳得分</translation>
    </message>
    <message>
        <source>%1 (search %2)</source>
        <translation>%1（搜索 %2）</translation>
    </message>
    <message>
        <source>stopped early (ASHA)</source>
        <translation>已提前停止（ASHA）</translation>
    </message>
    <message>
        <source>search: %1</source>
        <translation>搜索：%1</translation>
    </message>
    <message>
        <source>%1 (few-shot)</source>
        <translation>%1（少样本）</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::SearchDialog</name>
    <message>
        <source>uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>logarithmic</source>
        <translation>对数</translation>
    </message>
    <message>
        <source>whole numbers</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>one of</source>
        <translation>取值之一</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Warm-up share</source>
        <translation>预热比例</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Maximum length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>LoRA 秩</translation>
    </message>
    <message>
        <source>LoRA alpha</source>
        <translation>LoRA alpha</translation>
    </message>
    <message>
        <source>Trained top layers</source>
        <translation>训练的顶部层数</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped early (ASHA)</source>
        <translation>已提前停止（ASHA）</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>out of time</source>
        <translation>超出时间</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Search for good settings</source>
        <translation>搜索合适的超参数</translation>
    </message>
    <message>
        <source>Trains the run several times with other settings and keeps the best by %1 on the validation data. Trial 0 uses your own settings. Every trial is a run in the History; weak trials are stopped early (asynchronous successive halving, ASHA), so more settings fit in the same time.</source>
        <translation>用不同的设置多次训练此运行，并按验证数据上的 %1 保留最佳结果。试验 0 使用您自己的设置。每次试验都是历史记录中的一次运行；表现较差的试验会被提前停止（异步连续减半，ASHA），因此同样的时间里可以尝试更多设置。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>No trial starts after this time, and the running one stops.</source>
        <translation>超过此时间后不再开始新的试验，正在运行的试验也会停止。</translation>
    </message>
    <message>
        <source>Learn from earlier trials (TPE)</source>
        <translation>从之前的试验中学习（TPE）</translation>
    </message>
    <message>
        <source>Even coverage (quasi-random)</source>
        <translation>均匀覆盖（拟随机）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Stop weak trials early (ASHA)</source>
        <translation>提前停止较差的试验（ASHA）</translation>
    </message>
    <message>
        <source>Continue the search already in %1</source>
        <translation>继续 %1 中已有的搜索</translation>
    </message>
    <message>
        <source>Trials:</source>
        <translation>试验次数：</translation>
    </message>
    <message>
        <source>Time budget:</source>
        <translation>时间预算：</translation>
    </message>
    <message>
        <source>Choose settings by:</source>
        <translation>设置的选取方式：</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>尺度</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Start search</source>
        <translation>开始搜索</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Ends the search after the current step; it can be continued later.</source>
        <translation>在当前步骤之后结束搜索；以后可以继续。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>尚未开始。</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>试验</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Score against:</source>
        <translation>得分对照：</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>give at least one value, separated by commas</source>
        <translation>请至少给出一个取值，用逗号分隔</translation>
    </message>
    <message>
        <source>From and To must be numbers (with a point as the decimal sign, e.g. 0.001 or 1e-3)</source>
        <translation>“从”和“到”必须是数字（以点作小数点，例如 0.001 或 1e-3）</translation>
    </message>
    <message>
        <source>From is above To</source>
        <translation>“从”大于“到”</translation>
    </message>
    <message>
        <source>a logarithmic range must start above 0</source>
        <translation>对数范围的起点必须大于 0</translation>
    </message>
    <message>
        <source>From and To must be whole numbers</source>
        <translation>“从”和“到”必须是整数</translation>
    </message>
    <message>
        <source>Tick at least one setting to search.</source>
        <translation>请至少勾选一个要搜索的设置。</translation>
    </message>
    <message>
        <source>search space</source>
        <translation>搜索空间</translation>
    </message>
    <message>
        <source>%1 already holds a search. Tick “Continue the search” to add trials to it (raise Trials), or close this window and give the run another name.</source>
        <translation>%1 中已有一次搜索。勾选“继续搜索”可向其中添加试验（请调高试验次数），或者关闭此窗口并为运行另取名称。</translation>
    </message>
    <message>
        <source>The search cannot start: %1</source>
        <translation>无法开始搜索：%1</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>将在当前步骤之后停止…</translation>
    </message>
    <message>
        <source>Trial %1 of %2: step %3 of %4</source>
        <translation>试验 %1 / %2：第 %3 / %4 步</translation>
    </message>
    <message>
        <source>0 (your settings)</source>
        <translation>0（您的设置）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n trial(s).</source>
        <translation>
            <numerusform>已完成：%n 次试验。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The time budget ran out after %n trial(s). Start again with “Continue” ticked to go on.</source>
        <translation>
            <numerusform>时间预算在 %n 次试验后用完。勾选“继续”后再次开始即可接着搜索。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n trial(s). Start again with “Continue” ticked to go on.</source>
        <translation>
            <numerusform>已在 %n 次试验后停止。勾选“继续”后再次开始即可接着搜索。</numerusform>
        </translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>No trial has completed yet.</source>
        <translation>尚无完成的试验。</translation>
    </message>
    <message>
        <source>Best: trial %1, %2 %3 (%4), run %5.</source>
        <translation>最佳：试验 %1，%2 %3（%4），运行 %5。</translation>
    </message>
    <message>
        <source>Your own settings (trial 0): %1.</source>
        <translation>您自己的设置（试验 0）：%1。</translation>
    </message>
    <message>
        <source>No other trial beat your own settings so far.</source>
        <translation>到目前为止，没有其他试验胜过您自己的设置。</translation>
    </message>
    <message>
        <source>stopped early</source>
        <translation>提前停止</translation>
    </message>
    <message>
        <source>trial</source>
        <translation>试验</translation>
    </message>
    <message>
        <source>best so far</source>
        <translation>目前最佳</translation>
    </message>
    <message>
        <source>The search is still running. Stop it? It can be continued later from the same folder.</source>
        <translation>搜索仍在运行。要停止吗？以后可以在同一文件夹中继续。</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message numerus="yes">
        <source>A search with %n trial(s) is in this folder.</source>
        <translation>
            <numerusform>此文件夹中有一次包含 %n 次试验的搜索。</numerusform>
        </translation>
    </message>
    <message>
        <source>The search in this folder cannot be read: %1</source>
        <translation>无法读取此文件夹中的搜索：%1</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::SettingsPage</name>
    <message>
        <source>&lt;h2&gt;Settings&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;设置&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The new language applies when DomainTune restarts.</source>
        <translation>新语言将在 DomainTune 重启后生效。</translation>
    </message>
    <message>
        <source>&amp;Restart now</source>
        <translation>立即重启(&amp;R)</translation>
    </message>
    <message>
        <source>Automatic (a CUDA GPU when there is one)</source>
        <translation>自动（有 CUDA GPU 时使用 GPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>&amp;Device for new runs:</source>
        <translation>新运行使用的设备(&amp;D)：</translation>
    </message>
    <message numerus="yes">
        <source>automatic (%n core(s))</source>
        <translation>
            <numerusform>自动（%n 个核心）</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU &amp;threads for new runs:</source>
        <translation>新运行使用的 CPU 线程数(&amp;T)：</translation>
    </message>
    <message>
        <source>Run &amp;outputs folder:</source>
        <translation>运行输出文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose the history file</source>
        <translation>选择历史文件</translation>
    </message>
    <message>
        <source>History (*.sqlite)</source>
        <translation>历史记录 (*.sqlite)</translation>
    </message>
    <message>
        <source>Data-parallel training on this machine: each process trains on its share of every batch and the cores are shared out between them. More than one pays on machines with many cores; on a few cores one process is usually faster.</source>
        <translation>在本机上数据并行训练：每个进程训练每个批次中属于自己的一份，CPU 核心在进程之间分配。核心多的机器上多个进程才划算；核心少时，一个进程通常更快。</translation>
    </message>
    <message>
        <source>Training &amp;processes for new runs:</source>
        <translation>新运行的训练进程数(&amp;P)：</translation>
    </message>
    <message>
        <source>Run histor&amp;y file:</source>
        <translation>运行历史文件(&amp;Y)：</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::StudyWorker</name>
    <message>
        <source>The search stopped on an unexpected error.</source>
        <translation>搜索因意外错误而停止。</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::SystemPage</name>
    <message>
        <source>&lt;h2&gt;Welcome to DomainTune&lt;/h2&gt;&lt;p&gt;Adapt a pretrained language model to your finance, medical or legal texts, offline.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;欢迎使用 DomainTune&lt;/h2&gt;&lt;p&gt;离线将预训练语言模型适配到您的金融、医疗或法律文本。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>DomainTune version:</source>
        <translation>DomainTune 版本：</translation>
    </message>
    <message>
        <source>LibTorch version:</source>
        <translation>LibTorch 版本：</translation>
    </message>
    <message>
        <source>Compute device:</source>
        <translation>计算设备：</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>线程：</translation>
    </message>
    <message>
        <source>Matrix library (BLAS):</source>
        <translation>矩阵运算库（BLAS）：</translation>
    </message>
    <message numerus="yes">
        <source>GPU (CUDA, %n device(s))</source>
        <translation>
            <numerusform>GPU（CUDA，%n 个设备）</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>%1 LibTorch thread(s) on %2 CPU core(s)</source>
        <translation>%1 个 LibTorch 线程，%2 个 CPU 核心</translation>
    </message>
    <message>
        <source>OpenBLAS (fast)</source>
        <translation>OpenBLAS（快速）</translation>
    </message>
    <message>
        <source>reference BLAS (slow)</source>
        <translation>参考实现 BLAS（缓慢）</translation>
    </message>
    <message>
        <source>optimised BLAS</source>
        <translation>优化的 BLAS</translation>
    </message>
    <message>
        <source>not detected</source>
        <translation>未检测到</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training will be about 50 times slower than it should.&lt;/b&gt; Matrix products use the reference BLAS (%1). Install OpenBLAS with &lt;code&gt;sudo apt-get install libopenblas0-pthread&lt;/code&gt; and restart DomainTune.</source>
        <translation>&lt;b&gt;训练速度将比正常情况慢约 50 倍。&lt;/b&gt;矩阵运算正在使用参考实现 BLAS（%1）。请运行 &lt;code&gt;sudo apt-get install libopenblas0-pthread&lt;/code&gt; 安装 OpenBLAS，然后重新启动 DomainTune。</translation>
    </message>
    <message>
        <source>Several processes:</source>
        <translation>多进程训练：</translation>
    </message>
    <message>
        <source>Gloo on CPUs, NCCL on GPUs</source>
        <translation>CPU 上用 Gloo，GPU 上用 NCCL</translation>
    </message>
    <message>
        <source>Gloo on CPUs (this machine or several); GPUs train on one process: this LibTorch has no NCCL</source>
        <translation>CPU 上用 Gloo（本机或多台机器）；GPU 只能单进程训练：此 LibTorch 不含 NCCL</translation>
    </message>
    <message>
        <source>One process only: this LibTorch has no Gloo</source>
        <translation>仅单进程：此 LibTorch 不含 Gloo</translation>
    </message>
    <message>
        <source>Processor:</source>
        <translation>处理器：</translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation>未知型号</translation>
    </message>
    <message>
        <source>%1 with %2</source>
        <translation>%1，支持 %2</translation>
    </message>
    <message>
        <source>bf16 is native here (AVX-512 BF16 or AMX): worth trying for training</source>
        <translation>此处原生支持 bf16（AVX-512 BF16 或 AMX）：训练时值得一试</translation>
    </message>
    <message>
        <source>no native bf16 (neither AVX-512 BF16 nor AMX): bf16 would be emulated, train in full precision</source>
        <translation>不原生支持 bf16（既无 AVX-512 BF16 也无 AMX）：bf16 只能模拟，请以全精度训练</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::TrainingController</name>
    <message>
        <source>A run is already in progress; cancel it or wait until it ends.</source>
        <translation>已有一个运行正在进行；请取消它或等待其结束。</translation>
    </message>
    <message>
        <source>Paused; training waits before the next step.</source>
        <translation>已暂停；训练将在下一步之前等待。</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>已继续。</translation>
    </message>
    <message>
        <source>Cancelling after the current step…</source>
        <translation>将在当前这一步完成后取消…</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::TryItPage</name>
    <message>
        <source>&amp;Load model</source>
        <translation>加载模型(&amp;L)</translation>
    </message>
    <message>
        <source>Type or paste a sentence, e.g. a news item, a clause or a patient question.</source>
        <translation>输入或粘贴一段文字，例如一则新闻、一条合同条款或一个患者问题。</translation>
    </message>
    <message>
        <source>Text to classify</source>
        <translation>待分类文本</translation>
    </message>
    <message>
        <source>&amp;Predict (Ctrl+Enter)</source>
        <translation>预测(&amp;P)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>尚未加载模型。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Type a text first.</source>
        <translation>请先输入文本。</translation>
    </message>
    <message>
        <source>Predicting…</source>
        <translation>正在预测…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %1 (%n label(s)).</source>
        <translation>
            <numerusform>已加载 %1（%n 个标签）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Entities found:</source>
        <translation>识别出的实体：</translation>
    </message>
    <message>
        <source>Predicted label: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>预测标签：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Predict a whole file</source>
        <translation>预测整个文件</translation>
    </message>
    <message>
        <source>Loaded %1: a language model; it continues the text you give it.</source>
        <translation>已加载 %1：这是语言模型，会续写你给出的文本。</translation>
    </message>
    <message>
        <source>Folder of a fine-tuned classification, NER or question-answering model, or of a causal language model</source>
        <translation>微调后的分类、命名实体识别或问答模型的文件夹，或因果语言模型的文件夹</translation>
    </message>
    <message>
        <source>Loaded %1: a question-answering model; it finds the answer to a question in the text you give it.</source>
        <translation>已加载 %1：这是问答模型，会在你给出的文本中找出问题的答案。</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::WizardDataPage</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Corpora (*.csv *.tsv *.txt *.json *.jsonl *.conll *.md);;All files (*)</source>
        <translation>语料 (*.csv *.tsv *.txt *.json *.jsonl *.conll *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>CSV/TSV, JSON/JSONL, CoNLL, SQuAD, plain text or a folder per label; the format and encoding are detected.</source>
        <translation>支持 CSV/TSV、JSON/JSONL、CoNLL、SQuAD、纯文本或按标签分文件夹；格式和编码会自动检测。</translation>
    </message>
    <message>
        <source>&amp;Training data:</source>
        <translation>训练数据(&amp;T)：</translation>
    </message>
    <message>
        <source>Choose the training data</source>
        <translation>选择训练数据</translation>
    </message>
    <message>
        <source>detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Read as:</source>
        <translation>读取方式：</translation>
    </message>
    <message>
        <source>Multi-label: the character between labels in the label column, e.g. | or ;</source>
        <translation>多标签：标签列中分隔各标签的字符，例如 | 或 ;</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>列：</translation>
    </message>
    <message>
        <source>Held out for evaluation when the data has no validation split and no validation file is given.</source>
        <translation>当数据没有验证集划分且未提供验证文件时，留出这一比例用于评估。</translation>
    </message>
    <message>
        <source>optional separate file</source>
        <translation>可选的单独文件</translation>
    </message>
    <message>
        <source>Longer texts are cut to this many tokens (red line in the histogram).</source>
        <translation>更长的文本会被截断为此词元数（直方图中的红线）。</translation>
    </message>
    <message>
        <source>Hold out:</source>
        <translation>留出：</translation>
    </message>
    <message>
        <source>or validation file:</source>
        <translation>或验证文件：</translation>
    </message>
    <message>
        <source>Choose the validation data</source>
        <translation>选择验证数据</translation>
    </message>
    <message>
        <source>Validation:</source>
        <translation>验证：</translation>
    </message>
    <message>
        <source>Maximum &amp;length:</source>
        <translation>最大长度(&amp;L)：</translation>
    </message>
    <message>
        <source>Choose the training data.</source>
        <translation>请选择训练数据。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;This data cannot be read:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法读取此数据：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>detected: %1, %2</source>
        <translation>检测结果：%1，%2</translation>
    </message>
    <message>
        <source>(fixed by the format)</source>
        <translation>（由格式决定）</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) read</source>
        <translation>
            <numerusform>已读取 %n 条样本</numerusform>
        </translation>
    </message>
    <message>
        <source> (the first ones; the whole file is used for training)</source>
        <translation>（仅前面部分；训练时使用整个文件）</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n problem(s) while reading, e.g. %1:%2: %3</source>
        <translation>
            <numerusform>⚠ 读取时发现 %n 个问题，例如 %1:%2：%3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n example(s) also appear in another split (leakage): evaluation would be too optimistic.</source>
        <translation>
            <numerusform>⚠ 有 %n 条样本同时出现在其他划分中（数据泄漏）：评估结果会偏乐观。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n duplicate or near-duplicate example(s).</source>
        <translation>
            <numerusform>⚠ 有 %n 条重复或近似重复的样本。</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ Imbalanced labels: the largest class is %1× the smallest (&quot;%2&quot;). Consider class weights (hyper-parameters page).</source>
        <translation>⚠ 标签不均衡：最大类别是最小类别（“%2”）的 %1 倍。可考虑使用类别权重（超参数页）。</translation>
    </message>
    <message>
        <source>%1 % of the examples are longer than %2 tokens and will be truncated.</source>
        <translation>%1% 的样本超过 %2 个词元，将被截断。</translation>
    </message>
    <message>
        <source>No token statistics: %1</source>
        <translation>无词元统计：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;No labels found.&lt;/b&gt; Choose the label column, or pick a language-modelling task on the first page.</source>
        <translation>&lt;b&gt;未找到标签。&lt;/b&gt;请选择标签列，或在第一页选择语言建模任务。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No entity tags found.&lt;/b&gt; Named-entity training needs CoNLL data (one token and its tag per line).</source>
        <translation>&lt;b&gt;未找到实体标记。&lt;/b&gt;命名实体训练需要 CoNLL 数据（每行一个词元及其标记）。</translation>
    </message>
    <message>
        <source>No file or folder %1 (yet).</source>
        <translation>（尚）无文件或文件夹 %1。</translation>
    </message>
    <message>
        <source>%1 is a folder: press Enter to read it as a corpus (one sub-folder per label, or text files), or type on.</source>
        <translation>%1 是一个文件夹：按回车键将其作为语料读取（每个标签一个子文件夹，或文本文件），或继续输入。</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n without an answer in its context (SQuAD v2)</source>
        <translation>
            <numerusform>，其中 %n 个在上下文中没有答案（SQuAD v2）</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;No question has an answer&lt;/b&gt;: there is nothing to learn from.</source>
        <translation>&lt;b&gt;没有任何问题有答案&lt;/b&gt;：无从学习。</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) end after the first %1 tokens; later windows of the context hold them.</source>
        <translation>
            <numerusform>有 %n 个答案在前 %1 个词元之后才结束；上下文后续的窗口会包含它们。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n answer(s) are longer than a window holds: those questions train as &quot;no answer&quot;. Raise the maximum length.</source>
        <translation>
            <numerusform>⚠ 有 %n 个答案超出一个窗口的容量：这些问题会按“无答案”训练。请增大最大长度。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n answer(s) are longer than 30 tokens, the longest answer predicted.</source>
        <translation>
            <numerusform>⚠ 有 %n 个答案超过 30 个词元，即可预测的最长答案。</numerusform>
        </translation>
    </message>
    <message>
        <source>question: %1, context: %2, answer: %3</source>
        <translation>问题：%1，上下文：%2，答案：%3</translation>
    </message>
    <message>
        <source>Question answering reads a question, its context and the answer instead of a label.</source>
        <translation>问答任务读取问题、上下文和答案，而不是标签。</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>（无答案）</translation>
    </message>
    <message>
        <source>&lt;b&gt;No questions found.&lt;/b&gt; Question answering needs SQuAD JSON, or question, context and answer columns.</source>
        <translation>&lt;b&gt;未找到问题。&lt;/b&gt;问答任务需要 SQuAD JSON，或包含问题、上下文和答案列的文件。</translation>
    </message>
    <message>
        <source>⚠ This is question-answering data: pick the question-answering task on the first page.</source>
        <translation>⚠ 这是问答数据：请在第一页选择问答任务。</translation>
    </message>
    <message>
        <source>comma ,</source>
        <translation>逗号 ,</translation>
    </message>
    <message>
        <source>semicolon ;</source>
        <translation>分号 ;</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>bar |</source>
        <translation>竖线 |</translation>
    </message>
    <message>
        <source>at @</source>
        <translation>at 符号 @</translation>
    </message>
    <message>
        <source>CSV-like files: the character between fields; type another one if yours is not listed.</source>
        <translation>CSV 类文件中字段之间的分隔字符；如果列表中没有，可直接输入。</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>字段分隔符：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Delimiter:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;字段分隔符：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>Repeats within the training data are dropped, and validation examples that repeat a training one, so that validation scores texts the model has not seen.</source>
        <translation>删除训练数据中的重复样本，以及与训练样本重复的验证样本，使验证集只评估模型没见过的文本。</translation>
    </message>
    <message>
        <source>Show duplicates…</source>
        <translation>查看重复样本…</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Drop the %n duplicate(s) before training</source>
        <translation>
            <numerusform>训练前删除这 %n 个重复样本(&amp;D)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>domaintune::ui::WizardHyperPage</name>
    <message>
        <source>Hyper-parameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>Defaults follow the task, the model&apos;s size and the layers that train. Hover over a setting for advice.</source>
        <translation>默认值取决于任务、模型规模和参与训练的层。将鼠标悬停在设置上可查看建议。</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <source>The fine-tuned model, checkpoints and the best model go here.</source>
        <translation>微调后的模型、检查点和最佳模型保存在这里。</translation>
    </message>
    <message>
        <source>&amp;Output folder:</source>
        <translation>输出文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>Passes over the training data. Small data sets need more (5–10); large ones 1–3.</source>
        <translation>遍历训练数据的次数。小数据集需要更多（5–10），大数据集 1–3 即可。</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>训练轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>2e-5 to 5e-5 when all layers train; 1e-3 when only the head does. Too high makes the loss jump or diverge.</source>
        <translation>所有层都训练时用 2e-5 到 5e-5；只训练分类头时用 1e-3。过高会使损失震荡或发散。</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>Examples per step. Lower it when memory runs out; raise gradient accumulation to keep the effective batch.</source>
        <translation>每步的样本数。内存不足时调低，并提高梯度累积以保持有效批量。</translation>
    </message>
    <message>
        <source>Share of the steps during which the learning rate rises from 0.</source>
        <translation>学习率从 0 开始上升的步数比例。</translation>
    </message>
    <message>
        <source>&amp;Warm-up share:</source>
        <translation>预热比例(&amp;W)：</translation>
    </message>
    <message>
        <source>How the learning rate decays after warm-up.</source>
        <translation>预热之后学习率的衰减方式。</translation>
    </message>
    <message>
        <source>&amp;Schedule:</source>
        <translation>学习率调度(&amp;S)：</translation>
    </message>
    <message>
        <source>AdamW&apos;s decoupled weight decay (not applied to biases and LayerNorm).</source>
        <translation>AdamW 的解耦权重衰减（不作用于偏置和 LayerNorm）。</translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <source>Gradient accumulation:</source>
        <translation>梯度累积：</translation>
    </message>
    <message>
        <source>Clip the gradient norm to this value; 0 turns clipping off.</source>
        <translation>将梯度范数裁剪到此值；0 表示不裁剪。</translation>
    </message>
    <message>
        <source>Gradient clipping:</source>
        <translation>梯度裁剪：</translation>
    </message>
    <message>
        <source>The same seed, data and threads give the same run, bit for bit.</source>
        <translation>相同的随机种子、数据和线程数会得到逐位相同的运行结果。</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>each epoch</source>
        <translation>每轮</translation>
    </message>
    <message>
        <source>Evaluate every N steps:</source>
        <translation>每 N 步评估一次：</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Stop after this many evaluations without improvement.</source>
        <translation>连续这么多次评估没有提升后停止。</translation>
    </message>
    <message>
        <source>Early stopping patience:</source>
        <translation>早停耐心值：</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Stop after N steps:</source>
        <translation>N 步后停止：</translation>
    </message>
    <message>
        <source>Weight classes by inverse frequency</source>
        <translation>按类别频率的倒数加权</translation>
    </message>
    <message>
        <source>Imbalance:</source>
        <translation>类别不均衡：</translation>
    </message>
    <message>
        <source>Group similar lengths into batches (less padding)</source>
        <translation>将长度相近的样本分到同一批（减少填充）</translation>
    </message>
    <message>
        <source>Batching:</source>
        <translation>分批：</translation>
    </message>
    <message>
        <source>Mask whole words (recommended for Chinese text)</source>
        <translation>整词掩码（推荐用于中文文本）</translation>
    </message>
    <message>
        <source>Masked LM:</source>
        <translation>掩码语言模型：</translation>
    </message>
    <message>
        <source>bf16 mixed precision (CPUs with AMX/AVX-512 BF16, or CUDA)</source>
        <translation>bf16 混合精度（支持 AMX/AVX-512 BF16 的 CPU，或 CUDA）</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <source>automatic (GPU when available)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU 线程数：</translation>
    </message>
    <message>
        <source>fp16 mixed precision with loss scaling (CUDA GPUs only)</source>
        <translation>fp16 混合精度，带损失缩放（仅限 CUDA GPU）</translation>
    </message>
    <message>
        <source>No CUDA GPU is usable on this computer.</source>
        <translation>这台计算机上没有可用的 CUDA GPU。</translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>warm-up share</source>
        <translation>预热比例</translation>
    </message>
    <message>
        <source>New defaults for this task, model and layers: %1.</source>
        <translation>已按此任务、模型和层设置更新默认值：%1。</translation>
    </message>
    <message>
        <source>Kept as you set them: %1.</source>
        <translation>以下保持您的设置：%1。</translation>
    </message>
    <message>
        <source>only each epoch</source>
        <translation>仅每轮结束时</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Also save a checkpoint every this many minutes, so that a crash or a power cut loses at most that much of a long epoch.</source>
        <translation>另外每隔这么多分钟保存一次检查点，这样程序崩溃或停电时，一个较长的轮次最多只损失这么多时间的训练。</translation>
    </message>
    <message>
        <source>Checkpoint every:</source>
        <translation>检查点间隔：</translation>
    </message>
    <message>
        <source>Search for good settings…</source>
        <translation>搜索合适的设置…</translation>
    </message>
    <message>
        <source>Not sure about the learning rate or the batch size? Train several trials with other settings, stop the weak ones early, keep the best.</source>
        <translation>不确定学习率或批量大小？用不同设置训练多次试验，提前停止较差的，保留最佳的。</translation>
    </message>
    <message>
        <source>For classes with a handful to a few dozen labelled examples. The encoder learns that texts of one class belong together and texts of different classes apart; a simple classifier is then fitted on its sentence embeddings. Works best with sentence-transformers models such as all-MiniLM-L6-v2.</source>
        <translation>适用于每个类别只有几个到几十个已标注样本的情况。编码器先学习让同一类别的文本彼此靠近、不同类别的文本彼此远离；然后在其句向量上拟合一个简单的分类器。与 all-MiniLM-L6-v2 等 sentence-transformers 模型配合效果最好。</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>Few-shot training is for text classification (one label per text).</source>
        <translation>少样本训练仅用于文本分类（每条文本一个标签）。</translation>
    </message>
    <message>
        <source>Few-shot training tunes the whole encoder: turn LoRA off on the Layers page to use it.</source>
        <translation>少样本训练会调整整个编码器：如需使用，请在“层”页面关闭 LoRA。</translation>
    </message>
    <message numerus="yes">
        <source>A typical class has %n example(s): with so few labels, few-shot training usually beats standard fine-tuning.</source>
        <translation>
            <numerusform>典型类别只有 %n 个样本：标注这么少时，少样本训练通常优于标准微调。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A typical class has %n examples: standard fine-tuning usually does as well or better.</source>
        <translation>
            <numerusform>典型类别有 %n 个样本：标准微调通常效果相当或更好。</numerusform>
        </translation>
    </message>
    <message>
        <source>Few-shot training tunes the encoder: let more than the head train on the Layers page to use it.</source>
        <translation>少样本训练会调整编码器：如需使用，请在“层”页面让分类头以外的层也参与训练。</translation>
    </message>
    <message>
        <source>Data-parallel: each process trains on its share of every batch, so the global batch is the batch size × processes × gradient accumulation, and the cores are shared out between them. Few-shot runs use one process.</source>
        <translation>数据并行：每个进程训练每个批次中属于自己的一份，因此全局批次 = 批次大小 × 进程数 × 梯度累积，CPU 核心在进程之间分配。少样本运行只用一个进程。</translation>
    </message>
    <message>
        <source>Processes on this machine:</source>
        <translation>本机进程数：</translation>
    </message>
    <message>
        <source>Pack several short texts into each row (less padding still; classification and masked LM with BERT-family models)</source>
        <translation>每行打包多条短文本（进一步减少填充；适用于 BERT 系列模型的分类与掩码语言模型）</translation>
    </message>
    <message>
        <source>This processor has neither AVX-512 BF16 nor AMX, and there is no CUDA GPU: bf16 would be emulated, slower than full precision.</source>
        <translation>此处理器既无 AVX-512 BF16 也无 AMX，且没有 CUDA GPU：bf16 只能模拟，比全精度更慢。</translation>
    </message>
    <message>
        <source>This processor computes bf16 natively (AVX-512 BF16 or AMX). See the System page.</source>
        <translation>此处理器原生计算 bf16（AVX-512 BF16 或 AMX）。详见“系统”页。</translation>
    </message>
    <message>
        <source>Run na&amp;me:</source>
        <translation>运行名称(&amp;M)：</translation>
    </message>
    <message>
        <source>Batch si&amp;ze:</source>
        <translation>批量大小(&amp;Z)：</translation>
    </message>
    <message>
        <source>Few-shot &amp;training (SetFit): learn from pairs of examples, then fit a logistic-regression head</source>
        <translation>少样本训练（SetFit）(&amp;T)：从成对的样本中学习，再拟合逻辑回归分类头</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::WizardLayersPage</name>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Checked groups train; the others stay frozen. Training only the top costs less memory and time and keeps more of what the model knows.</source>
        <translation>勾选的参数组参与训练，其余保持冻结。只训练顶层占用更少的内存和时间，并能更多地保留模型已有的知识。</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>所有层</translation>
    </message>
    <message>
        <source>Head only</source>
        <translation>仅分类头</translation>
    </message>
    <message>
        <source>Head and top layers</source>
        <translation>分类头和顶部若干层</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>top </source>
        <translation>顶部 </translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>Unfreeze one more group from the top each epoch</source>
        <translation>每轮从顶部多解冻一个参数组</translation>
    </message>
    <message>
        <source>Gradual unfreezing:</source>
        <translation>逐步解冻：</translation>
    </message>
    <message>
        <source>Each group below the head learns this factor more slowly than the one above it; 1 turns it off (0.8–0.95 is common).</source>
        <translation>分类头以下每往下一组，学习率乘以此系数；1 表示关闭（常用 0.8–0.95）。</translation>
    </message>
    <message>
        <source>Layer-wise LR &amp;decay:</source>
        <translation>逐层学习率衰减(&amp;D)：</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>参数组</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Trainable: %1 of %2 parameters (%3 %)</source>
        <translation>可训练：%1 / %2 个参数（%3%）</translation>
    </message>
    <message>
        <source>Estimated training memory: about %1 (weights %2, gradients and optimiser %3, activations %4 at batch %5 × %6 tokens).</source>
        <translation>估计训练内存：约 %1（权重 %2，梯度和优化器 %3，激活值 %4，批量 %5 × %6 个词元）。</translation>
    </message>
    <message>
        <source>Train &amp;LoRA adapters instead of the layers</source>
        <translation>训练 &amp;LoRA 适配器而不是各层</translation>
    </message>
    <message>
        <source>The backbone stays as it is; low-rank adapters on the attention projections and the head learn. Less memory, a small model file (PEFT&apos;s format), merged into full weights on export.</source>
        <translation>主干保持不变；只训练注意力投影上的低秩适配器和分类头。占用内存更少，模型文件很小（PEFT 格式），导出时合并为完整权重。</translation>
    </message>
    <message>
        <source>The adapters&apos; output is scaled by alpha / rank.</source>
        <translation>适配器的输出按 alpha / 秩 缩放。</translation>
    </message>
    <message>
        <source>&amp;Alpha:</source>
        <translation>&amp;Alpha：</translation>
    </message>
    <message>
        <source>Dropout on the adapters&apos; input while training (PEFT&apos;s lora_dropout; 0.05–0.1 is common).</source>
        <translation>训练时对适配器输入施加的 dropout（即 PEFT 的 lora_dropout；常用 0.05–0.1）。</translation>
    </message>
    <message>
        <source>Scale by alpha / √rank (rsLoRA), for high ranks</source>
        <translation>按 alpha / √秩 缩放（rsLoRA），适用于较高的秩</translation>
    </message>
    <message>
        <source>The projections that get adapters, by name in every layer. Checked by default: PEFT&apos;s default for this kind of model.</source>
        <translation>按名称选择每一层中加装适配器的投影层。默认勾选的是 PEFT 对此类模型的默认设置。</translation>
    </message>
    <message>
        <source>Adapt:</source>
        <translation>适配：</translation>
    </message>
    <message>
        <source>Ran&amp;k:</source>
        <translation>秩(&amp;K)：</translation>
    </message>
    <message>
        <source>Dr&amp;opout:</source>
        <translation>Dropout(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::WizardModelPage</name>
    <message>
        <source>Pretrained model</source>
        <translation>预训练模型</translation>
    </message>
    <message>
        <source>A Hugging Face folder: config.json, model.safetensors or pytorch_model.bin, and the tokenizer files.</source>
        <translation>Hugging Face 格式的文件夹：config.json、model.safetensors 或 pytorch_model.bin，以及分词器文件。</translation>
    </message>
    <message>
        <source>Folder with config.json</source>
        <translation>包含 config.json 的文件夹</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>Starter model (bilingual, built on this machine)</source>
        <translation>入门模型（中英双语，在本机构建）</translation>
    </message>
    <message>
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>%1 (Hugging Face cache)</source>
        <translation>%1（Hugging Face 缓存）</translation>
    </message>
    <message>
        <source>&amp;Known models:</source>
        <translation>已知模型(&amp;K)：</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <source>Fol&amp;der:</source>
        <translation>文件夹(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::WizardReviewPage</name>
    <message>
        <source>frozen: %1</source>
        <translation>冻结：%1</translation>
    </message>
    <message>
        <source>head only</source>
        <translation>仅分类头</translation>
    </message>
    <message numerus="yes">
        <source>head and top %n layer(s)</source>
        <translation>
            <numerusform>分类头和顶部 %n 层</numerusform>
        </translation>
    </message>
    <message>
        <source>all layers</source>
        <translation>所有层</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Start trains on a background thread and opens the dashboard. The spec is stored with the run, so it can be compared and re-run later.</source>
        <translation>“开始”会在后台线程中训练并打开看板。运行配置会随运行一起保存，便于之后比较和重新运行。</translation>
    </message>
    <message>
        <source>Save as &amp;template…</source>
        <translation>另存为模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Save the run as a template</source>
        <translation>将运行另存为模板</translation>
    </message>
    <message>
        <source>Run templates (*.json)</source>
        <translation>运行模板 (*.json)</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>%1 (%2 parameters)</source>
        <translation>%1（%2 个参数）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n example(s) read)</source>
        <translation>
            <numerusform>%1（已读取 %n 条样本）</numerusform>
        </translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>%1 epoch(s), batch %2, learning rate %3, max. %4 tokens</source>
        <translation>%1 轮，批量 %2，学习率 %3，最多 %4 个词元</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Save as template</source>
        <translation>另存为模板</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation>无法写入 %1：%2。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Few-shot (SetFit): %1 epoch(s) of contrastive pairs, %2 pairs a batch, learning rate %3, max. %4 tokens; then a logistic-regression head</source>
        <translation>少样本（SetFit）：对比样本对训练 %1 轮，每批 %2 对，学习率 %3，最多 %4 个词元；然后拟合逻辑回归分类头</translation>
    </message>
    <message>
        <source>Copy command for a &amp;cluster</source>
        <translation>复制集群命令(&amp;C)</translation>
    </message>
    <message>
        <source>Copies the shell commands that train this spec on several machines (torchrun, or domaintune-cli&apos;s own launcher), with the processes per machine chosen on the hyper-parameters page.</source>
        <translation>复制在多台机器上训练此规格的 shell 命令（torchrun，或 domaintune-cli 自带的启动器），每台机器的进程数取自超参数页。</translation>
    </message>
    <message>
        <source>Copied. Paste it on each machine, with NNODES, NODE_RANK and MASTER set as its first lines say.</source>
        <translation>已复制。按开头几行的说明设置 NNODES、NODE_RANK 和 MASTER 后，在每台机器上粘贴运行。</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>%1 on this machine, global batch %2 (%3 per process × %1 × accumulation %4)</source>
        <translation>本机 %1 个，全局批次 %2（每进程 %3 × %1 × 累积 %4）</translation>
    </message>
</context>
<context>
    <name>domaintune::ui::WizardTaskPage</name>
    <message>
        <source>Task and domain</source>
        <translation>任务与领域</translation>
    </message>
    <message>
        <source>What should the model learn? The next pages adapt their defaults to it.</source>
        <translation>模型要学习什么？后续页面会据此调整默认值。</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>领域(&amp;D)：</translation>
    </message>
</context>
</TS>
