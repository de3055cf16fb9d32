<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</TS>
