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
        <source>&amp;Fit charts</source>
        <translation>适配图表(&amp;F)</translation>
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
        <source>&lt;b&gt;No run in progress.&lt;/b&gt; Start one with Run ▸ Quick run (Ctrl+R).</source>
        <translation>&lt;b&gt;当前没有正在进行的运行。&lt;/b&gt;可通过“运行 ▸ 快速运行”（Ctrl+R）开始。</translation>
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
</context>
<context>
    <name>domaintune::ui::HistoryPage</name>
    <message>
        <source>Search runs by name, task, domain or status</source>
        <translation>按名称、任务、领域或状态搜索运行</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
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
        <source>Overview</source>
        <translation>概览</translation>
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
        <source>Text classification</source>
        <translation>文本分类</translation>
    </message>
    <message>
        <source>Multi-label classification</source>
        <translation>多标签分类</translation>
    </message>
    <message>
        <source>Named entities (token classification)</source>
        <translation>命名实体识别（词元分类）</translation>
    </message>
    <message>
        <source>Domain-adaptive pretraining (masked LM)</source>
        <translation>领域自适应预训练（掩码语言模型）</translation>
    </message>
    <message>
        <source>Causal language model</source>
        <translation>因果语言模型</translation>
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
        <source>Folder of a fine-tuned classification or NER model</source>
        <translation>已微调的分类或命名实体识别模型所在文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Load model</source>
        <translation>加载模型(&amp;L)</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
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
</context>
</TS>
