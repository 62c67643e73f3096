import type { ComparisonRow } from './comparison-tables-types.js';

/**
 * The survey's two comparison tables (§2.3.1 web navigation, 25 rows; §2.3.2 embodied, 16 rows),
 * transcribed from the figures. Hidden cells are null with a note; '–' cells are null without one.
 * Embodied values are the mean of seen/unseen splits where a paper reports both. The last 5 web
 * rows are text-only; the rest use vision + text. Embodied rows have no S column (search: false).
 */
export const COMPARISON_ROWS: ComparisonRow[] = [
  {
    "table": "web",
    "method": "SE-GUI",
    "baseModel": "Qwen2.5-VL-7B",
    "cells": {
      "mind2web": {
        "value": null
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": 88.2
      }
    },
    "date": "2025/5",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "UIShift",
    "baseModel": "Qwen2.5-VL-7B",
    "cells": {
      "mind2web": {
        "value": null
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": 87.8
      }
    },
    "date": "2025/5",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "ELAM",
    "baseModel": "Molmo-7B",
    "cells": {
      "mind2web": {
        "value": null
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": 80.8
      }
    },
    "date": "2025/5",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "ScaleTrack",
    "baseModel": "Qwen2-VL-7B",
    "cells": {
      "mind2web": {
        "value": null
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": 86.8
      }
    },
    "date": "2025/5",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "TongUI",
    "baseModel": "Qwen2.5-VL-7B",
    "cells": {
      "mind2web": {
        "value": 46.6
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": 73.3
      },
      "screenspot": {
        "value": 83.4
      }
    },
    "date": "2025/4",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "SpiritSight",
    "baseModel": "InternVL2-8B",
    "cells": {
      "mind2web": {
        "value": 47.0
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": 66.5
      }
    },
    "date": "2025/4",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "UI-I2E-VLM",
    "baseModel": "Qwen2-VL-7B",
    "cells": {
      "mind2web": {
        "value": null
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": 82.5
      }
    },
    "date": "2025/4",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "MP-GUI",
    "baseModel": "InternVL2-8B",
    "cells": {
      "mind2web": {
        "value": 34.9
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": 69.2
      },
      "screenspot": {
        "value": 64.1
      }
    },
    "date": "2025/3",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "Magma",
    "baseModel": "LLaMA-3-8B",
    "cells": {
      "mind2web": {
        "value": 45.4
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": 67.3
      },
      "screenspot": {
        "value": 54.5
      }
    },
    "date": "2025/2",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "Digi-Q",
    "baseModel": "LLaVA-1.5",
    "cells": {
      "mind2web": {
        "value": null
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": 71.2
      },
      "screenspot": {
        "value": null,
        "note": "cell is hidden in the survey figure"
      }
    },
    "date": "2025/2",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "UI-TARS",
    "baseModel": "Qwen-2-VL-72B",
    "cells": {
      "mind2web": {
        "value": 64.7
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": null,
        "note": "cell is partly hidden in the survey figure"
      }
    },
    "date": "2025/1",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "UI-TARS",
    "baseModel": "Qwen-2-VL-7B",
    "cells": {
      "mind2web": {
        "value": 63.1
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": 89.5
      }
    },
    "date": "2025/1",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "Tree Search",
    "baseModel": "GPT-4o",
    "cells": {
      "mind2web": {
        "value": null
      },
      "webarena": {
        "value": 19.2
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": null
      }
    },
    "date": "2024/7",
    "finetuned": false,
    "search": true,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "MiniCPM-GUI",
    "baseModel": "MiniCPM-V",
    "cells": {
      "mind2web": {
        "value": 17.5
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": 58.4
      },
      "screenspot": {
        "value": null
      }
    },
    "date": "2024/6",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "MiniCPM-V",
    "baseModel": "MiniCPM-V",
    "cells": {
      "mind2web": {
        "value": 6.5
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": 48.9
      },
      "screenspot": {
        "value": null
      }
    },
    "date": "2024/6",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "UGround",
    "baseModel": "LLaVA-NeXT-7B",
    "cells": {
      "mind2web": {
        "value": 46.8
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": 73.3
      }
    },
    "date": "2024/6",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "SeeAct",
    "baseModel": "GPT-4",
    "cells": {
      "mind2web": {
        "value": 36.4
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": null
      }
    },
    "date": "2024/1",
    "finetuned": false,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "SeeAct",
    "baseModel": "LLaVA-1.5",
    "cells": {
      "mind2web": {
        "value": 8.0
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": null
      }
    },
    "date": "2024/1",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "SeeClick",
    "baseModel": "Qwen-VL",
    "cells": {
      "mind2web": {
        "value": 20.9
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": 59.3
      },
      "screenspot": {
        "value": 53.4
      }
    },
    "date": "2024/1",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "CogAgent",
    "baseModel": "CogVLM-17B",
    "cells": {
      "mind2web": {
        "value": 58.5
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": 76.8
      },
      "screenspot": {
        "value": 47.4
      }
    },
    "date": "2023/12",
    "finetuned": true,
    "search": false,
    "modality": "vision+text"
  },
  {
    "table": "web",
    "method": "Agent LUMOS",
    "baseModel": "Llama-2-13B",
    "cells": {
      "mind2web": {
        "value": 31.3
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": null
      }
    },
    "date": "2023/11",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "web",
    "method": "AgentTuning",
    "baseModel": "Llama-2-13B",
    "cells": {
      "mind2web": {
        "value": 8.4
      },
      "webarena": {
        "value": 1.6
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": null
      }
    },
    "date": "2023/10",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "web",
    "method": "MindAct",
    "baseModel": "Flan-T5-XL",
    "cells": {
      "mind2web": {
        "value": 43.5
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": null
      }
    },
    "date": "2023/6",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "web",
    "method": "Synapse",
    "baseModel": "GPT-3.5",
    "cells": {
      "mind2web": {
        "value": 27.0
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": null
      }
    },
    "date": "2023/6",
    "finetuned": false,
    "search": false,
    "modality": "text"
  },
  {
    "table": "web",
    "method": "Synapse",
    "baseModel": "CodeLlama-7B",
    "cells": {
      "mind2web": {
        "value": 21.6
      },
      "webarena": {
        "value": null
      },
      "aitw": {
        "value": null
      },
      "screenspot": {
        "value": null
      }
    },
    "date": "2023/6",
    "finetuned": false,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "GiGPO",
    "baseModel": "Qwen2.5-7B",
    "cells": {
      "alfworld": {
        "value": 90.8
      },
      "scienceworld": {
        "value": null
      }
    },
    "date": "2025/5",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "CQL-Prior",
    "baseModel": "Qwen-7B",
    "cells": {
      "alfworld": {
        "value": 62.0
      },
      "scienceworld": {
        "value": null
      }
    },
    "date": "2025/5",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "FGO",
    "baseModel": "GPT-4o-mini",
    "cells": {
      "alfworld": {
        "value": 83.6
      },
      "scienceworld": {
        "value": null
      }
    },
    "date": "2025/5",
    "finetuned": false,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "LTC",
    "baseModel": "Llama-7B",
    "cells": {
      "alfworld": {
        "value": 91.0
      },
      "scienceworld": {
        "value": null
      }
    },
    "date": "2025/4",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "CDMem",
    "baseModel": "GPT-4o",
    "cells": {
      "alfworld": {
        "value": 90.0
      },
      "scienceworld": {
        "value": 56.0
      }
    },
    "date": "2025/4",
    "finetuned": false,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "ATLaS",
    "baseModel": "Llama-3.1-8B",
    "cells": {
      "alfworld": {
        "value": 84.5
      },
      "scienceworld": {
        "value": 42.0
      }
    },
    "date": "2025/3",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "DebFlow",
    "baseModel": "GPT-4o-mini",
    "cells": {
      "alfworld": {
        "value": 62.3
      },
      "scienceworld": {
        "value": null
      }
    },
    "date": "2025/3",
    "finetuned": false,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "Agent-R",
    "baseModel": "Llama-3.1-8B",
    "cells": {
      "alfworld": {
        "value": null
      },
      "scienceworld": {
        "value": 70.2
      }
    },
    "date": "2025/1",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "AgentRefine",
    "baseModel": "Llama-3-8B",
    "cells": {
      "alfworld": {
        "value": 44.8
      },
      "scienceworld": {
        "value": 14.4
      }
    },
    "date": "2025/1",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "AgentEvol",
    "baseModel": "Llama-2-7B",
    "cells": {
      "alfworld": {
        "value": 88.0
      },
      "scienceworld": {
        "value": 38.0
      }
    },
    "date": "2024/6",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "WKM",
    "baseModel": "Mistral-7B",
    "cells": {
      "alfworld": {
        "value": 75.2
      },
      "scienceworld": {
        "value": 57.8
      }
    },
    "date": "2024/5",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "WKM",
    "baseModel": "Gemma-7B",
    "cells": {
      "alfworld": {
        "value": 70.5
      },
      "scienceworld": {
        "value": 51.4
      }
    },
    "date": "2024/5",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "ETO",
    "baseModel": "Llama-2-7B",
    "cells": {
      "alfworld": {
        "value": 70.5
      },
      "scienceworld": {
        "value": 69.4
      }
    },
    "date": "2024/3",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "KnowAgent",
    "baseModel": "Llama-2-7B",
    "cells": {
      "alfworld": {
        "value": 29.3
      },
      "scienceworld": {
        "value": null
      }
    },
    "date": "2024/3",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "KnowAgent",
    "baseModel": "Llama-2-13B",
    "cells": {
      "alfworld": {
        "value": 56.5
      },
      "scienceworld": {
        "value": null
      }
    },
    "date": "2024/3",
    "finetuned": true,
    "search": false,
    "modality": "text"
  },
  {
    "table": "embodied",
    "method": "AgentTuning",
    "baseModel": "Llama-2-7B",
    "cells": {
      "alfworld": {
        "value": 84.0
      },
      "scienceworld": {
        "value": 13.7
      }
    },
    "date": "2023/10",
    "finetuned": true,
    "search": false,
    "modality": "text"
  }
];
